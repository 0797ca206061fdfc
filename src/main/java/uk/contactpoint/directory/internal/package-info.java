/** How the directory stores its records: JDBC access and the reference-data loader. Private to the module. */
package uk.contactpoint.directory.internal;

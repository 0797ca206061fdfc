/**
 * The directory of children: records, organisations, local authorities and the value objects that
 * validate identifiers. Types here are the module's public API; sub-packages are private to it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package uk.contactpoint.directory;

/**
 * The command line: jobs run from the same jar as the service. Commands that need no database start
 * without Spring; the others start the application without its web server.
 */
package uk.contactpoint.cli;

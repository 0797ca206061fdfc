/** The web service: GOV.UK Design System pages for practitioners and LA teams. */
package uk.contactpoint.web;

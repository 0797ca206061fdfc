/**
 * Practice: what practitioners do with a child's record once they have found it (ADR 20). Record their own
 * or their team's involvement (a sensitive one on a consent or significant-harm ground), confirm, end it,
 * propose themselves as lead professional, mark themselves CAF holder, report an inaccuracy to the LA, and
 * see the children they work with and what changed; and ask for contact with a masked sensitive service to be
 * brokered by the LA team (ADR 27). Those who work with a child are told when someone else starts, ends or
 * becomes lead professional, and of a death, a shield or a move to another authority (ADR 34). Every read
 * goes through the safeguards disclosure policy and every read or change is audited in the same transaction.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"directory", "access", "audit", "safeguards", "notify"})
package uk.contactpoint.practice;

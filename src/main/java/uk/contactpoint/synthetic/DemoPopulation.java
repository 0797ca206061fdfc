package uk.contactpoint.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import java.util.stream.Collectors;

import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.NewChild.NewInvolvement;
import uk.contactpoint.directory.NewChild.NewSetting;
import uk.contactpoint.directory.NewOrganisation;

/**
 * A synthetic demo directory: organisations, families of children and the demo accounts, all fictional and
 * fully determined by the seed and the reference date, so that a demo (or a failing test) can be rebuilt
 * exactly.
 *
 * <p>Children refer to organisations by their index in {@link #organisations()}, because the database ids
 * exist only once the organisations are stored; {@link #children(LongUnaryOperator)} swaps in the ids.
 *
 * @param authorities   the demo local authorities, in the order given
 * @param organisations every organisation the children and accounts refer to
 * @param families      the children, grouped by the household (or placement) they share carers with
 * @param accounts      one account per demo role, without passwords
 */
record DemoPopulation(List<Authority> authorities, List<NewOrganisation> organisations, List<Family> families,
                      List<DemoAccount> accounts) {

    /** The data source code every demo value carries. */
    static final String SOURCE = "DEMO";

    /**
     * Synthetic NHS numbers are allocated by sequence, 900,000 to a prefix (ADR 7); staying below that keeps
     * every demo child in the reserved 999 range.
     */
    static final int MAX_CHILDREN = 500_000;

    DemoPopulation {
        authorities = List.copyOf(authorities);
        organisations = List.copyOf(organisations);
        families = List.copyOf(families);
        accounts = List.copyOf(accounts);
    }

    /**
     * Generates a population.
     *
     * @param reference   the reference data to draw names and postcodes from
     * @param authorities GSS codes of the demo authorities, at least one; children are split evenly
     * @param children    how many children in all, 0 to {@link #MAX_CHILDREN}
     * @param seed        the same seed (with the same date) gives the same population
     * @param today       the date ages and start dates are counted from
     */
    static DemoPopulation generate(ReferenceData reference, List<LocalAuthorityCode> authorities, int children,
                                   long seed, LocalDate today) {
        return new PopulationGenerator(reference, seed, today).generate(authorities, children);
    }

    /** A demo authority, with the number its records show for out-of-hours brokering. */
    record Authority(LocalAuthorityCode code, String name, String slug, String emergencyDutyPhone,
                     String teamPhone, int organisation) {
    }

    /** Children who share at least one carer: siblings, half-siblings or a placement. */
    record Family(LocalAuthorityCode localAuthority, List<NewChild> children) {

        Family {
            children = List.copyOf(children);
        }
    }

    /**
     * A demo account to create. The roles keep their declaration order so that the accounts file lists
     * them the same way every time.
     */
    record DemoAccount(String username, String displayName, String email, String phone, int organisation,
                       LocalAuthorityCode localAuthority, List<Role> roles, boolean childProtection,
                       LocalDate dbsCheckDate, LocalDate trainingCompletedOn, LocalDate agreementSignedOn) {

        DemoAccount {
            roles = roles.stream().sorted().distinct().toList();
        }

        /** The role names joined with "+", as the accounts file shows them. */
        String roleNames() {
            // Lower case: the form the demo-accounts.csv "role" column promises (e.g. "practitioner").
            return roles.stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).sorted().collect(Collectors.joining("+"));
        }

        NewUser toNewUser(String password, String pin, String totpSecret, long organisationId) {
            return new NewUser(username, password, displayName, email, phone, organisationId,
                    localAuthority == null ? null : localAuthority.value(), Set.copyOf(roles), childProtection,
                    dbsCheckDate, trainingCompletedOn, agreementSignedOn, pin, totpSecret);
        }

        @Override
        public String toString() {
            return "DemoAccount[roles=" + roleNames() + "]";
        }
    }

    /** Every child, family by family, referring to organisations by index. */
    List<NewChild> children() {
        List<NewChild> all = new ArrayList<>();
        families.forEach(f -> all.addAll(f.children()));
        return all;
    }

    int childCount() {
        return families.stream().mapToInt(f -> f.children().size()).sum();
    }

    /** Every child, with organisation indexes replaced by what {@code organisationId} maps them to. */
    List<NewChild> children(LongUnaryOperator organisationId) {
        return children().stream().map(c -> withOrganisationIds(c, organisationId)).toList();
    }

    private static NewChild withOrganisationIds(NewChild c, LongUnaryOperator organisationId) {
        List<NewSetting> settings = c.settings().stream()
                .map(s -> new NewSetting(s.kind(), organisationId.applyAsLong(s.organisationId()), s.startDate(),
                        s.endDate()))
                .toList();
        List<NewInvolvement> involvements = c.involvements().stream()
                .map(i -> new NewInvolvement(i.serviceType(), organisationId.applyAsLong(i.organisationId()),
                        i.practitionerName(), i.teamName(), i.role(), i.phone(), i.email(), i.startDate(),
                        i.endDate(), i.leadProfessional(), i.cafHolder()))
                .toList();
        return new NewChild(c.contactPointId(), c.name(), c.otherNames(), c.dateOfBirth(), c.gender(),
                c.whereabouts(), c.address(), c.dateOfDeath(), c.educationStatus(), c.responsibleLa(), c.shielded(),
                c.carers(), settings, involvements, c.identifiers(), c.source(), c.asOf());
    }

    @Override
    public String toString() {
        return "DemoPopulation[authorities=" + authorities.size() + ", organisations=" + organisations.size()
                + ", families=" + families.size() + ", children=" + childCount() + "]";
    }
}

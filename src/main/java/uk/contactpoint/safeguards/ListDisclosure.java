package uk.contactpoint.safeguards;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.Whereabouts;

/**
 * The disclosure policy's rules for children shown many to a page (reports, their CSV exports): a list shows where a
 * child is at most as a postcode district, never an address; a shielded child's reads "restricted" for everyone, the
 * LA team too (as in search results: a list is not where they broker contact); an address on the exclusion register
 * shows as "No address shown" to all but the LA team; a shielded child's services show only to its LA's team; a
 * sensitive service's details only to its LA's team (the others read that a sensitive service is involved).
 */
@Component
public class ListDisclosure {

    public static final String RESTRICTED = ChildSearches.RESTRICTED;
    public static final String SENSITIVE = "A sensitive service";

    /** One child of a list, with what the list might show of where it is. */
    public record Listed(long childId, String responsibleLa, boolean shielded, Whereabouts whereabouts, Address address) {
    }

    private final ExcludedAddresses excluded;

    ListDisclosure(ExcludedAddresses excluded) {
        this.excluded = excluded;
    }

    /** Where each child was last known, as this viewer may see it in a list, by child id. */
    public Map<Long, String> lastKnown(Viewer viewer, Collection<Listed> children) {
        List<Address> addresses = children.stream().filter(c -> !c.shielded()).map(Listed::address)
                .filter(Objects::nonNull).distinct().toList();
        Set<Address> hidden = addresses.isEmpty() ? Set.of() : excluded.among(addresses);
        Map<Long, String> out = new HashMap<>();
        for (Listed c : children) {
            out.put(c.childId(), lastKnown(viewer, c, hidden));
        }
        return out;
    }

    private static String lastKnown(Viewer viewer, Listed c, Set<Address> hidden) {
        if (c.shielded()) {
            return RESTRICTED;
        }
        if (c.address() != null && hidden.contains(c.address()) && !viewer.onManagementTeamOf(c.responsibleLa())) {
            return Whereabouts.ADDRESS_NOT_SHOWN.label();
        }
        String district = c.address() == null ? null : c.address().postcodeDistrict();
        String state = c.whereabouts() == null ? "" : c.whereabouts().label();
        if (district == null) {
            return state.isEmpty() ? "Not known" : state;
        }
        return district + (c.whereabouts() == Whereabouts.LAST_KNOWN_ADDRESS ? " (last known)" : "");
    }

    /** Whether a list may show who works with this child: not for a shielded child, except to its LA's team. */
    public static boolean showsServices(Viewer viewer, String responsibleLa, boolean shielded) {
        return !shielded || viewer.onManagementTeamOf(responsibleLa);
    }

    /** Whether a list may name a sensitive service working with this child: only to its LA's team. */
    public static boolean showsSensitiveDetail(Viewer viewer, String responsibleLa) {
        return viewer.onManagementTeamOf(responsibleLa);
    }
}

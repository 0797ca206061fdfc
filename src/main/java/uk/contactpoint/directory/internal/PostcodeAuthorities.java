package uk.contactpoint.directory.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import uk.contactpoint.directory.LocalAuthorityCode;

/**
 * The children's services authority a postcode district lies in, from the same crosswalk ingest uses for new
 * children (the first listed where a district reaches several): whether an address has moved into another
 * authority's area.
 */
@Component
public class PostcodeAuthorities {

    static final String RESOURCE = "reference/postcode_district_to_local_authority.csv";

    private volatile Map<String, LocalAuthorityCode> byDistrict;

    public Optional<LocalAuthorityCode> of(String district) {
        return district == null ? Optional.empty() : Optional.ofNullable(map().get(district));
    }

    private Map<String, LocalAuthorityCode> map() {
        Map<String, LocalAuthorityCode> m = byDistrict;
        if (m == null) {
            m = load();
            byDistrict = m;
        }
        return m;
    }

    private static Map<String, LocalAuthorityCode> load() {
        Map<String, LocalAuthorityCode> map = new HashMap<>();
        try (InputStream in = PostcodeAuthorities.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] f = line.split(",", 3);
                if (f.length >= 2 && !f[0].isBlank()) {
                    map.putIfAbsent(f[0].strip(), new LocalAuthorityCode(f[1].strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}

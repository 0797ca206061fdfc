package uk.contactpoint.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import uk.contactpoint.directory.LocalAuthorityCode;

/**
 * The children's services authority a postcode district lies in (the first in the crosswalk where a district
 * reaches several): the responsible authority of a new child until a person or a local feed says otherwise.
 */
final class PostcodeDistricts {

    static final String RESOURCE = "reference/postcode_district_to_local_authority.csv";

    private final Map<String, LocalAuthorityCode> authorityByDistrict;

    private PostcodeDistricts(Map<String, LocalAuthorityCode> authorityByDistrict) {
        this.authorityByDistrict = authorityByDistrict;
    }

    static PostcodeDistricts load() {
        Map<String, LocalAuthorityCode> map = new HashMap<>();
        try (InputStream in = PostcodeDistricts.class.getClassLoader().getResourceAsStream(RESOURCE)) {
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
        return new PostcodeDistricts(map);
    }

    Optional<LocalAuthorityCode> authority(String district) {
        return district == null ? Optional.empty() : Optional.ofNullable(authorityByDistrict.get(district));
    }
}

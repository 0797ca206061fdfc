package uk.contactpoint.fhir.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: whatever query string a client sends to {@code /fhir/Patient}, HAPI's parameter parsing and then ours
 * (family, given and postcode without modifiers, birthdate as one whole day within 25 years, identifier as
 * system|value) either accept it or refuse it with a 400 (an {@code InvalidRequestException}, or HAPI's
 * {@code DataFormatException}, which its server answers with 400); never any other exception, which would be a 500.
 * Replays the committed seeds (plain query strings) in a plain test run; fuzzes with JAZZER_FUZZ=1.
 */
class FhirQueryFuzzTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @FuzzTest(maxDuration = "30s")
    void shouldAcceptOrRefuseAnyPatientQueryWithA400(FuzzedDataProvider data) {
        String query = data.consumeRemainingAsString();
        Map<String, String[]> params = parse(query);
        try {
            for (Map.Entry<String, String[]> p : params.entrySet()) {
                String name = p.getKey();
                String modifier = p.getValue()[0];
                String value = p.getValue()[1];
                switch (name) {
                    case "family", "given", "address-postalcode" -> {
                        StringParam s = new StringParam();
                        s.setValueAsQueryToken(FHIR, name, modifier, value);
                        PatientProvider.plain(s, name);
                    }
                    case "birthdate" -> {
                        DateParam d = new DateParam();
                        d.setValueAsQueryToken(FHIR, name, modifier, value);
                        PatientProvider.birthDate(d);
                    }
                    case "identifier" -> {
                        TokenParam t = new TokenParam();
                        t.setValueAsQueryToken(FHIR, name, modifier, value);
                        PatientProvider.checkIdentifier(t);
                    }
                    default -> {
                        // HAPI answers an unknown parameter itself (400), before any provider runs.
                    }
                }
            }
        } catch (BaseServerResponseException e) {
            if (e.getStatusCode() != 400) {
                throw new AssertionError("status " + e.getStatusCode() + " for " + query, e);
            }
        } catch (DataFormatException e) {
            // HAPI's own parsing refused the value: its server answers 400.
        }
    }

    /** name[:modifier]=value pairs, URL-decoded leniently (a bad escape is kept as typed), the last of a name winning. */
    static Map<String, String[]> parse(String query) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String pair : query.split("&", 20)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            int colon = key.indexOf(':');
            String name = colon < 0 ? key : key.substring(0, colon);
            String modifier = colon < 0 ? null : key.substring(colon);
            out.put(name, new String[] {modifier, value});
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}

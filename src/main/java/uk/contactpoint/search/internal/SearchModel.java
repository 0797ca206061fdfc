package uk.contactpoint.search.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import uk.contactpoint.linkage.LinkageModel;

/**
 * The linkage model search scores with: fitted without labels on a synthetic England (see
 * {@code DefaultModelBuilder} in the tests, ADR 14) and shipped in the jar. Read with a deserialisation
 * filter that admits the model's own classes and plain JDK types only.
 */
@Component
public class SearchModel {

    static final String RESOURCE = "search/default-linkage-model.ser";
    private final LinkageModel model;

    SearchModel() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream(); ObjectInputStream o = new ObjectInputStream(in)) {
            o.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    "uk.contactpoint.linkage.*;java.lang.*;java.util.*;java.time.*;[D;[[D;[Z;[J;[I;[Ljava.util.*;[Ljava.lang.*;maxdepth=20;!*"));
            model = (LinkageModel) o.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("The search model cannot be read from " + RESOURCE, e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The search model cannot be read from " + RESOURCE, e);
        }
    }

    public LinkageModel model() {
        return model;
    }
}

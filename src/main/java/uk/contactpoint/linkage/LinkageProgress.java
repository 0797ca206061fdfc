package uk.contactpoint.linkage;

/** Told how far a long run has got: stage name, units done, units in the stage. Called from worker threads. */
@FunctionalInterface
public interface LinkageProgress {

    LinkageProgress NONE = (stage, done, total) -> { };

    void update(String stage, long done, long total);
}

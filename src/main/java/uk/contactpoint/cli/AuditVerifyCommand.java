package uk.contactpoint.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import uk.contactpoint.audit.AuditVerification;
import uk.contactpoint.audit.AuditVerifier;

/** Checks the audit log's hash chain against the signed checkpoints exported outside the database. */
@Command(name = "audit-verify", mixinStandardHelpOptions = true,
        description = {"Check the audit log against its hash chain and the signed checkpoints exported outside the database.",
                "Exit code 0: intact (events after the last checkpoint are reported as not yet covered);",
                "1: tampered, with the first bad event's id; 2: usage error."})
class AuditVerifyCommand implements Callable<Integer> {

    static final int TAMPERED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    SpringOptions options = new SpringOptions();

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "Directory of exported checkpoints (default: the service's, CONTACTPOINT_AUDIT_CHECKPOINT_DIR or DATA_DIR/audit-checkpoints).")
    Path checkpoints;

    @Option(names = "--seal", description = "First seal every event written so far and sign a checkpoint, as the running service does every second.")
    boolean seal;

    @Override
    public Integer call() {
        return DatabaseJob.run(options.springArgs(), context -> {
            AuditVerifier verifier = context.getBean(AuditVerifier.class);
            var out = spec.commandLine().getOut();
            if (seal) {
                out.println("sealed:           " + verifier.sealNow() + " events");
            }
            Path dir = checkpoints != null ? checkpoints : verifier.checkpointDir();
            AuditVerification v = verifier.verify(dir);
            out.println("checkpoints:      " + v.checkpoints() + " (exported to " + dir + ")");
            if (v.intact()) {
                out.println("covered:          " + v.covered() + " events, chain intact");
                out.println("not yet covered:  " + v.notYetCovered() + " events (written after the last checkpoint)");
                return 0;
            }
            out.println("TAMPERED:         " + v.problem());
            out.println("first bad event:  " + (v.firstBadEventId() == null ? "(none: a checkpoint itself)" : v.firstBadEventId()));
            return TAMPERED;
        });
    }
}

package uk.contactpoint.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import uk.contactpoint.safeguards.ProtectedFields;

/** Re-encrypts every sealed field under the current key, so that older keys can be removed (ADR 26). */
@Command(name = "rotate-field-keys", mixinStandardHelpOptions = true,
        description = {"Re-encrypt every sealed field (shielded addresses, carers' contacts, sensitive-service details,",
                "quarantined feed rows) under the first key of CONTACTPOINT_FIELD_KEYS; older keys listed after it",
                "can then be removed. Audited as one system event with the counts."})
class RotateFieldKeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SpringOptions options = new SpringOptions();

    @Override
    public Integer call() {
        return DatabaseJob.run(options.springArgs(), context -> {
            ProtectedFields.Rotation rotation = context.getBean(ProtectedFields.class).rotate();
            var out = spec.commandLine().getOut();
            out.println("re-encrypted:       " + rotation.reencrypted());
            out.println("under current key:  " + rotation.current() + " already");
            return 0;
        });
    }
}

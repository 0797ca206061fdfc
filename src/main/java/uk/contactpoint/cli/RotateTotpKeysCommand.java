package uk.contactpoint.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import uk.contactpoint.access.TotpKeyRotation;

/** Re-encrypts every TOTP secret under the current key, so that older keys can be removed (operations, 9.1). */
@Command(name = "rotate-totp-keys", mixinStandardHelpOptions = true,
        description = {"Re-encrypt every user's TOTP secret under the first key of CONTACTPOINT_TOTP_KEYS; older keys",
                "listed after it can then be removed. Audited as one system event with the counts."})
class RotateTotpKeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SpringOptions options = new SpringOptions();

    @Override
    public Integer call() {
        return DatabaseJob.run(options.springArgs(), context -> {
            TotpKeyRotation.Result result = context.getBean(TotpKeyRotation.class).rotate();
            var out = spec.commandLine().getOut();
            out.println("re-encrypted:       " + result.reencrypted());
            out.println("under current key:  " + result.current() + " already");
            return 0;
        });
    }
}

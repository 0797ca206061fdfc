package uk.contactpoint.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import uk.contactpoint.access.internal.TotpSecretCipher;
import uk.contactpoint.access.internal.UserRepository;

/** The password, PIN and TOTP secret rules of new accounts (ASVS 6.2). */
class UserAccountsTest {

    private final UserRepository repository = mock(UserRepository.class);
    private final TotpSecretCipher cipher = new TotpSecretCipher("k:" + Base64.getEncoder().encodeToString(new byte[32]));
    private UserAccounts accounts;

    @BeforeEach
    void setUp() {
        when(repository.hash(anyString())).thenAnswer(i -> "hash:" + i.getArgument(0));
        when(repository.hashPin(anyString())).thenAnswer(i -> "pin:" + i.getArgument(0));
        accounts = new UserAccounts(repository, cipher, java.time.Clock.systemUTC());
    }

    @Test
    void shouldAcceptEightTo256CharactersOfAnyKindWithoutCompositionRules() {
        accounts.create(user("alice", "abcdefgh".replace('h', 'q') + "z"));
        accounts.create(user("bob", "ü".repeat(8)));
        accounts.create(user("carol", "a".repeat(128) + " 😀 " + "b".repeat(120)));
        accounts.create(user("dave", "all lower case words"));
    }

    @Test
    void shouldRefuseTooShortTooLongAndCommonPasswords() {
        assertThatThrownBy(() -> accounts.create(user("eve", "seven77"))).hasMessageStartingWith("Password:");
        assertThatThrownBy(() -> accounts.create(user("eve", "x".repeat(257)))).hasMessageStartingWith("Password:");
        assertThatThrownBy(() -> accounts.create(user("eve", "Password123"))).hasMessageContaining("too common");
        assertThatThrownBy(() -> accounts.create(user("eve", "qwertyuiop"))).hasMessageContaining("too common");
    }

    @Test
    void shouldRequireAPinOfAtLeastSixDigitsAnd160BitTotpSecret() {
        assertThatThrownBy(() -> accounts.create(user("eve", "a fine passphrase", "12345", Totp.newSecret())))
                .hasMessageStartingWith("PIN:");
        assertThatThrownBy(() -> accounts.create(user("eve", "a fine passphrase", "12345a", Totp.newSecret())))
                .hasMessageStartingWith("PIN:");
        assertThatThrownBy(() -> accounts.create(user("eve", "a fine passphrase", "123456", "JBSWY3DPEHPK3PXP")))
                .as("80 bits").hasMessageStartingWith("Security token:");
        assertThatThrownBy(() -> accounts.create(user("eve", "a fine passphrase", "123456", null)))
                .hasMessageStartingWith("Security token:");
    }

    @Test
    void shouldStoreTheHashedPinAndTheEncryptedSecretOnly() {
        String secret = Totp.newSecret();

        accounts.create(user("frank", "a fine passphrase", "1357924", secret));

        ArgumentCaptor<String> stored = ArgumentCaptor.forClass(String.class);
        verify(repository).insert(eq("frank"), any(), eq("hash:a fine passphrase"), eq("pin:1357924"), stored.capture());
        assertThat(stored.getValue()).startsWith("k:").doesNotContain(secret);
        assertThat(cipher.decrypt(stored.getValue())).isEqualTo(Totp.decode(secret));
    }

    private static NewUser user(String username, String password) {
        return user(username, password, "123456", Totp.newSecret());
    }

    private static NewUser user(String username, String password, String pin, String secret) {
        LocalDate d = LocalDate.now();
        return new NewUser(username, password, "Name", null, null, 1, null, Set.of(Role.PRACTITIONER), false, d, d, d,
                pin, secret);
    }
}

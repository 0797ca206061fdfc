package uk.contactpoint.directory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.directory.internal.LocalAuthorityRepository;

/** The children's services authorities of England, by GSS code or by their 3-letter register code. */
@Service
public class LocalAuthorities {

    private final LocalAuthorityRepository repository;

    LocalAuthorities(LocalAuthorityRepository repository) {
        this.repository = repository;
    }

    public List<LocalAuthority> all() {
        return repository.all();
    }

    public Optional<LocalAuthority> find(LocalAuthorityCode code) {
        return repository.find(code.value());
    }

    /**
     * Resolves a GSS code (E06000001) or a 3-letter register code (HPL) to its authority.
     *
     * @throws InvalidValueException when the text is neither, or names no authority in England
     */
    public LocalAuthority resolve(String codeOrAlias) {
        if (codeOrAlias == null || codeOrAlias.isBlank()) {
            throw new InvalidValueException("Local authority code", "enter a GSS code such as E09000033 or a 3-letter code such as WSM");
        }
        String text = codeOrAlias.trim().toUpperCase(Locale.ROOT);
        if (text.length() == 3) {
            return repository.all().stream().filter(la -> la.registerCode().equals(text)).findFirst()
                    .orElseThrow(() -> new InvalidValueException("Local authority code", "no authority in England has that 3-letter code"));
        }
        return find(new LocalAuthorityCode(text))
                .orElseThrow(() -> new InvalidValueException("Local authority code", "no authority in England has that GSS code"));
    }

    @Transactional
    public void update(LocalAuthorityCode code, String emergencyDutyPhone, LiveState state) {
        repository.update(code, emergencyDutyPhone, state);
    }

    /** Sets the number of the authority's ContactPoint team, which every record of its children shows. */
    @Transactional
    public void updateTeamPhone(LocalAuthorityCode code, String teamPhone) {
        repository.updateTeamPhone(code, teamPhone);
    }

    /** Sets the two numbers every record of the authority's children shows: its ContactPoint team's and its emergency duty team's. */
    @Transactional
    public void updatePhones(LocalAuthorityCode code, String teamPhone, String emergencyDutyPhone) {
        repository.updatePhones(code, teamPhone, emergencyDutyPhone);
    }
}

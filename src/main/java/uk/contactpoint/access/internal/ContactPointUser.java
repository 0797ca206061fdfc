package uk.contactpoint.access.internal;

import java.io.Serial;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import uk.contactpoint.access.AccessStop;
import uk.contactpoint.access.Role;

/**
 * The logged-in user as Spring Security holds it (serialised into the JDBC session). Vetting that has
 * lapsed (DBS check older than 3 years, no training, no signed agreement), or an organisation that is not
 * (or no longer) accredited, makes the account expired, so access stops by itself.
 */
public final class ContactPointUser implements UserDetails, CredentialsContainer, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String username;
    private String passwordHash;
    private final String displayName;
    private final long organisationId;
    private final String organisationName;
    private final String sector;
    private final String organisationKind;
    private final String organisationCode;
    private final String localAuthority;
    private final boolean childProtection;
    private final boolean enabled;
    private final AccessStop stop;
    private final Set<Role> roles;

    ContactPointUser(StoredUser u, LocalDate today) {
        this.id = u.id();
        this.username = u.username();
        this.passwordHash = u.passwordHash();
        this.displayName = u.displayName();
        this.organisationId = u.organisationId();
        this.organisationName = u.organisationName();
        this.sector = u.sector();
        this.organisationKind = u.organisationKind();
        this.organisationCode = u.organisationCode();
        this.localAuthority = u.localAuthority();
        this.childProtection = u.childProtection();
        this.enabled = u.enabled();
        this.stop = u.stop(today).orElse(null);
        this.roles = u.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(u.roles());
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public long organisationId() {
        return organisationId;
    }

    public String organisationName() {
        return organisationName;
    }

    public String sector() {
        return sector;
    }

    public String organisationKind() {
        return organisationKind;
    }

    public String organisationCode() {
        return organisationCode;
    }

    public String localAuthority() {
        return localAuthority;
    }

    public boolean childProtection() {
        return childProtection;
    }

    public Set<Role> roles() {
        return Set.copyOf(roles);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.copyOf(roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    /** What stops this user using the service (as of the login), or null. */
    AccessStop stop() {
        return stop;
    }

    @Override
    public boolean isAccountNonExpired() {
        return stop == null;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContactPointUser other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "ContactPointUser[id=" + id + "]";
    }
}

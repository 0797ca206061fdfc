package uk.contactpoint.directory;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.directory.internal.ChildRepository;

/**
 * The store of child records. Reads return the record as stored: callers outside the safeguards module
 * must not show them to anyone, but pass them through the disclosure policy.
 */
@Service
public class Directory {

    private final ChildRepository children;

    Directory(ChildRepository children) {
        this.children = children;
    }

    @Transactional(readOnly = true)
    public Optional<ChildRecord> find(long id) {
        return children.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<ChildRecord> find(ContactPointId id) {
        return children.findByContactPointId(id);
    }

    public long count() {
        return children.count();
    }

    /** Adds children in one transaction: all of them or, on any failure, none. */
    @Transactional
    public List<Long> add(List<NewChild> newChildren) {
        return children.insert(newChildren);
    }

    @Transactional
    public long addOrganisation(NewOrganisation organisation) {
        return children.insertOrganisation(organisation);
    }

    public Optional<Organisation> organisation(long id) {
        return children.findOrganisation(id);
    }

    public Optional<Organisation> organisation(OrganisationKind kind, String code) {
        return children.findOrganisation(kind, code);
    }
}

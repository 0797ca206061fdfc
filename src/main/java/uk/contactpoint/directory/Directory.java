package uk.contactpoint.directory;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.directory.internal.AmendmentRepository;
import uk.contactpoint.directory.internal.ChildRepository;
import uk.contactpoint.directory.internal.MatchingRepository;
import uk.contactpoint.directory.internal.OrganisationRepository;

/**
 * The store of child records. Reads return the record as stored: callers outside the safeguards module
 * must not show them to anyone, but pass them through the disclosure policy.
 */
@Service
public class Directory {

    private final ChildRepository children;
    private final MatchingRepository matching;
    private final AmendmentRepository amendments;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final OrganisationRepository organisations;

    Directory(ChildRepository children, MatchingRepository matching, AmendmentRepository amendments,
              org.springframework.context.ApplicationEventPublisher events, OrganisationRepository organisations) {
        this.children = children;
        this.matching = matching;
        this.amendments = amendments;
        this.events = events;
        this.organisations = organisations;
    }

    /** The identifying fields of these children, for matching and search (never shown as they are). */
    @Transactional(readOnly = true)
    public List<ChildForMatching> forMatching(java.util.Collection<Long> ids) {
        return matching.find(ids);
    }

    /** Every child's identifying fields, in id order, in batches of {@code batchSize}. */
    @Transactional(readOnly = true)
    public void forEachForMatching(int batchSize, java.util.function.Consumer<List<ChildForMatching>> batch) {
        matching.forEach(batchSize, batch);
    }

    /** Replaces the blocking keys of these children (opaque hashes from the linkage engine). */
    @Transactional
    public void replaceBlockingKeys(java.util.Map<Long, long[]> keysByChild) {
        matching.replaceKeys(keysByChild);
    }

    /** Children sharing blocking keys with a record, most shared first; keys shared by over {@code perKeyCap} children are skipped. */
    @Transactional(readOnly = true)
    public List<Long> candidates(long[] keys, int perKeyCap, int limit) {
        return matching.candidates(keys, perKeyCap, limit);
    }

    /**
     * Shields or unshields a record. Only the safeguards module calls this, after its own checks (who may,
     * the two-person rule); the change is published so that the search index follows it in the same
     * transaction.
     */
    @Transactional
    public void setShielded(long childId, boolean shielded) {
        matching.setShielded(childId, shielded);
        events.publishEvent(new ChildrenChanged(List.of(childId)));
    }

    /** Asks for these children's blocking keys to be made again (the search module listens). */
    @Transactional
    public void reindex(List<Long> childIds) {
        events.publishEvent(new ChildrenChanged(childIds));
    }

    /** The version of a child's record (it goes up with every change to its row), empty when there is no such child. */
    @Transactional(readOnly = true)
    public Optional<Integer> version(long childId) {
        return amendments.version(childId);
    }

    /**
     * Corrects a child's identifying values by hand. Each changed value is kept in the amendment history with
     * its old value, who, when and why; the new value's source and date go into the record's provenance; the
     * change is published so that the search index follows it in the same transaction. Only the safeguards
     * module calls this, after its own checks (who may, which child).
     *
     * @return the columns that changed; empty (and nothing written) when the correction changes nothing
     * @throws RecordChangedException when the record changed after the version the correction is based on (nothing
     *     written; the caller's transaction is not marked for rollback, so it may still record the refusal)
     */
    @Transactional(noRollbackFor = RecordChangedException.class)
    public List<String> correct(long childId, ChildCorrection correction, String source, java.time.LocalDate asOf,
                                String amendedBy, String reason, java.time.Instant now) {
        List<String> changed = amendments.correct(childId, correction, source, asOf, amendedBy, reason, now);
        if (!changed.isEmpty()) {
            events.publishEvent(new ChildrenChanged(List.of(childId)));
        }
        return changed;
    }

    /** A child's amendment history, newest first. */
    @Transactional(readOnly = true)
    public List<Amendment> amendments(long childId) {
        return amendments.amendments(childId);
    }

    /** The child holding this identifier, if any: identifiers are unique per scheme and allocating body. */
    @Transactional(readOnly = true)
    public Optional<Long> childWithIdentifier(SourceIdentifier.Scheme scheme, String allocatingBody, String value) {
        return matching.childWithIdentifier(scheme, allocatingBody, value);
    }

    /**
     * Records an identifier a source allocated to an existing child; false (and nothing changed) when it is
     * already recorded, on this child or another.
     */
    @Transactional
    public boolean addIdentifier(long childId, SourceIdentifier identifier) {
        return matching.addIdentifier(childId, identifier);
    }

    /**
     * The children holding each of these blocking keys, for a whole batch of incoming records at once; keys held
     * by more than {@code perKeyCap} children are left out (too weak alone).
     */
    @Transactional(readOnly = true)
    public java.util.Map<Long, long[]> childrenByKeys(long[] keys, int perKeyCap) {
        return matching.childrenByKeys(keys, perKeyCap);
    }

    /**
     * The child holding each of these identifiers, keyed by {@link #identifierKey}; identifiers nobody holds are
     * absent. One lookup for a whole batch.
     */
    @Transactional(readOnly = true)
    public java.util.Map<String, Long> childrenWithIdentifiers(java.util.Collection<SourceIdentifier> identifiers) {
        return matching.childrenWithIdentifiers(identifiers);
    }

    /** How {@link #childrenWithIdentifiers} keys its answer: identifiers are unique per scheme and allocating body. */
    public static String identifierKey(SourceIdentifier.Scheme scheme, String allocatingBody, String value) {
        return MatchingRepository.identifierKey(scheme, allocatingBody, value);
    }

    /** Which of these ContactPoint IDs are already allocated. */
    @Transactional(readOnly = true)
    public java.util.Set<String> allocatedContactPointIds(java.util.Collection<String> ids) {
        return matching.existingContactPointIds(ids);
    }

    /**
     * Records identifiers on existing children in one batch; the caller has checked nobody holds them (a mistake
     * breaks the unique constraint and fails the whole transaction: nothing is half-applied).
     */
    @Transactional
    public void addIdentifiers(List<java.util.Map.Entry<Long, SourceIdentifier>> identifiers) {
        matching.addIdentifiers(identifiers);
    }

    /** Records settings on existing children in one batch, skipping those a child already has; returns how many were added. */
    @Transactional
    public int addSettings(List<ChildSetting> settings) {
        return children.insertSettingsIfNew(settings.stream()
                .map(s -> new ChildRepository.SettingFor(s.childId(), s.setting(), s.source(), s.asOf())).toList());
    }

    /** Records involvements on existing children in one batch, skipping those a child already has; returns how many were added. */
    @Transactional
    public int addInvolvements(List<ChildInvolvement> involvements) {
        return children.insertInvolvementsIfNew(involvements.stream()
                .map(i -> new ChildRepository.InvolvementFor(i.childId(), i.involvement(), i.source(), i.asOf())).toList());
    }

    /** The source of each child's values, by provenance field (name, date_of_birth, gender, address...). */
    @Transactional(readOnly = true)
    public java.util.Map<Long, java.util.Map<String, String>> provenanceSources(java.util.Collection<Long> childIds) {
        return childIds.isEmpty() ? java.util.Map.of() : children.provenanceSources(childIds);
    }

    /** Every data source's declared precedence: lower wins (LA_MANUAL 5, GRO 10, NHS_PDS 20...). */
    @Transactional(readOnly = true)
    public java.util.Map<String, Integer> sourcePrecedence() {
        return children.sourcePrecedence();
    }

    /**
     * Replaces identifying values of existing children with a source's, keeping the old values in the amendment
     * history; the search index follows in the same transaction. The caller decides by precedence.
     */
    @Transactional
    public void updateIdentity(List<IdentityUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        children.updateIdentity(updates);
        events.publishEvent(new ChildrenChanged(updates.stream().map(IdentityUpdate::childId).distinct().toList()));
    }

    /** New identifying values for a child (null: unchanged), with the old ones for the history. */
    public record IdentityUpdate(long childId, PersonName name, String oldName, java.time.LocalDate dateOfBirth,
            String oldDateOfBirth, Gender gender, String oldGender, String source, java.time.LocalDate asOf) {
    }

    /** An involvement to record on an existing child, from a source, as of a date. */
    public record ChildInvolvement(long childId, NewChild.NewInvolvement involvement, String source,
            java.time.LocalDate asOf) {
    }

    /** A setting to record on an existing child, from a source, as of a date. */
    public record ChildSetting(long childId, NewChild.NewSetting setting, String source, java.time.LocalDate asOf) {
    }

    /** The identifying fields of up to {@code limit} children, lowest ids first (a sample to fit a model on). */
    @Transactional(readOnly = true)
    public List<ChildForMatching> firstForMatching(int limit) {
        return matching.first(limit);
    }

    /** Up to {@code limit} children after id {@code after} with no blocking keys (added other than by ingestion). */
    @Transactional(readOnly = true)
    public List<Long> withoutBlockingKeys(long after, int limit) {
        return matching.withoutKeys(after, limit);
    }

    /** Refreshes the database's statistics of the matching tables: bulk ingestion calls it as they grow. */
    @Transactional
    public void refreshStatistics() {
        matching.refreshStatistics();
    }

    public long blockingKeyCount() {
        return matching.keyCount();
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
        List<Long> ids = children.insert(newChildren);
        events.publishEvent(new ChildrenAdded(ids));
        return ids;
    }

    /**
     * Records an education setting or GP practice of an existing child, unless the child already has a current
     * one with that organisation; true when added.
     */
    @Transactional
    public boolean addSetting(long childId, NewChild.NewSetting setting, String source, java.time.LocalDate asOf) {
        return children.insertSettingIfNew(childId, setting, source, asOf);
    }

    @Transactional
    public long addOrganisation(NewOrganisation organisation) {
        return children.insertOrganisation(organisation);
    }

    public Optional<Organisation> organisation(long id) {
        return children.findOrganisation(id);
    }

    /** Every organisation of a kind, its id by its code (URN, ODS code...). */
    @Transactional(readOnly = true)
    public java.util.Map<String, Long> organisationIds(OrganisationKind kind) {
        return children.organisationIds(kind);
    }

    /** The local authority (GSS code) of every organisation of a kind that has one, by the organisation's code. */
    @Transactional(readOnly = true)
    public java.util.Map<String, String> organisationAuthorities(OrganisationKind kind) {
        return children.organisationAuthorities(kind);
    }

    public Optional<Organisation> organisation(OrganisationKind kind, String code) {
        return children.findOrganisation(kind, code);
    }

    /**
     * Adds an organisation from a reference file, or updates the one with its kind and code where a value differs,
     * recording the source, the date and what changed (against {@code batchId}). Joins the caller's transaction,
     * so a whole file applies or none of it does.
     */
    @Transactional
    public ReferenceOrganisation.Change saveReferenceOrganisation(ReferenceOrganisation organisation, String source,
            java.time.LocalDate asOf, Long batchId) {
        return organisations.save(organisation, source, asOf, batchId);
    }

    /** The organisation of this kind and code as reference data describes it (open or closed, and when). */
    @Transactional(readOnly = true)
    public Optional<ReferenceOrganisation> referenceOrganisation(OrganisationKind kind, String code) {
        return organisations.find(kind, code);
    }

    /** How many organisations a reference batch added and updated: {added, updated}. */
    @Transactional(readOnly = true)
    public long[] referenceChanges(long batchId) {
        return organisations.changesOf(batchId);
    }
}

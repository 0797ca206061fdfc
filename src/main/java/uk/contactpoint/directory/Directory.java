package uk.contactpoint.directory;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.directory.internal.AddressExclusionRepository;
import uk.contactpoint.directory.internal.AmendmentRepository;
import uk.contactpoint.directory.internal.ChildRepository;
import uk.contactpoint.directory.internal.FieldSealing;
import uk.contactpoint.directory.internal.InvolvementRepository;
import uk.contactpoint.directory.internal.RetentionRepository;
import uk.contactpoint.directory.internal.MatchingRepository;
import uk.contactpoint.directory.internal.OrganisationRepository;
import uk.contactpoint.directory.internal.PostcodeAuthorities;
import uk.contactpoint.directory.internal.ResponsibilityRepository;

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
    private final InvolvementRepository involvements;
    private final RetentionRepository retention;
    private final AddressExclusionRepository exclusions;
    private final FieldSealing sealing;
    private final ResponsibilityRepository responsibility;
    private final PostcodeAuthorities postcodeAuthorities;

    Directory(ChildRepository children, MatchingRepository matching, AmendmentRepository amendments,
              org.springframework.context.ApplicationEventPublisher events, OrganisationRepository organisations,
              InvolvementRepository involvements, RetentionRepository retention, AddressExclusionRepository exclusions,
              FieldSealing sealing, ResponsibilityRepository responsibility, PostcodeAuthorities postcodeAuthorities) {
        this.sealing = sealing;
        this.responsibility = responsibility;
        this.postcodeAuthorities = postcodeAuthorities;
        this.children = children;
        this.matching = matching;
        this.amendments = amendments;
        this.events = events;
        this.organisations = organisations;
        this.involvements = involvements;
        this.retention = retention;
        this.exclusions = exclusions;
    }

    /** The entries of the address exclusion register for any of these postcodes (ADR 22). */
    @Transactional(readOnly = true)
    public java.util.Set<AddressKey> addressExclusions(java.util.Collection<String> postcodes) {
        return postcodes.isEmpty() ? java.util.Set.of() : exclusions.among(postcodes);
    }

    /** The entries an LA keeps on the address exclusion register. */
    @Transactional(readOnly = true)
    public List<ExcludedAddress> addressExclusionsOf(LocalAuthorityCode localAuthority) {
        return exclusions.of(localAuthority.value());
    }

    /** One current entry of the address exclusion register. */
    @Transactional(readOnly = true)
    public Optional<ExcludedAddress> addressExclusion(long id) {
        return exclusions.find(id);
    }

    /**
     * Adds an address to the exclusion register, and makes the search keys of the children living there again
     * (without their address). Only the safeguards module calls this, after its own checks (who may).
     */
    @Transactional
    public long addAddressExclusion(AddressKey address, LocalAuthorityCode localAuthority, String addedBy, java.time.Instant now) {
        long id = exclusions.add(address, localAuthority.value(), addedBy, now);
        reindexAt(address);
        return id;
    }

    /** Removes an entry from the exclusion register (the children there are keyed on their address again). */
    @Transactional
    public boolean removeAddressExclusion(long id, String removedBy, java.time.Instant now) {
        Optional<ExcludedAddress> entry = exclusions.find(id);
        if (entry.isEmpty() || !exclusions.remove(id, removedBy, now)) {
            return false;
        }
        reindexAt(entry.get().address());
        return true;
    }

    private void reindexAt(AddressKey address) {
        List<Long> living = exclusions.childrenAt(address);
        if (!living.isEmpty()) {
            events.publishEvent(new ChildrenChanged(living));
        }
    }

    /** Live records due for the archive on a day (at most {@code limit}): child id and responsible LA. */
    @Transactional(readOnly = true)
    public List<java.util.Map.Entry<Long, String>> dueForArchive(java.time.LocalDate today, int limit) {
        return retention.dueForArchive(today, limit);
    }

    /** Moves live records to the archive on a day; returns how many moved. */
    @Transactional
    public int archive(java.util.Collection<Long> ids, java.time.LocalDate today) {
        int archived = retention.archive(ids, today);
        if (archived > 0) {
            events.publishEvent(new ChildrenChanged(List.copyOf(ids)));
        }
        return archived;
    }

    /** Archived records whose six years are up on a day (at most {@code limit}): child id and responsible LA. */
    @Transactional(readOnly = true)
    public List<java.util.Map.Entry<Long, String>> dueForPurge(java.time.LocalDate today, int limit) {
        return retention.dueForPurge(today, limit);
    }

    /** Deletes records for good with all that is attached to them; returns how many records went. */
    @Transactional
    public int purge(java.util.Collection<Long> ids) {
        int purged = retention.purge(ids);
        if (purged > 0) {
            events.publishEvent(new ChildrenChanged(List.copyOf(ids)));
        }
        return purged;
    }

    /** Keeps a count of what retention did: all that is left of purged records. */
    @Transactional
    public void countRetention(String localAuthority, String action, java.time.LocalDate day, int children) {
        retention.count(localAuthority, action, day, children);
    }

    @Transactional
    public void recordDeath(long childId, java.time.LocalDate dateOfDeath) {
        retention.recordDeath(childId, dateOfDeath);
    }

    /** Keeps a participating young person's record live until a day (null: until the 18th birthday again). */
    @Transactional
    public void extendParticipation(long childId, java.time.LocalDate retainUntil, String reason, java.time.LocalDate reviewOn) {
        retention.extend(childId, retainUntil, reason, reviewOn);
    }

    /** A participating young person's extension, if the record has one. */
    @Transactional(readOnly = true)
    public Optional<Participation> participation(long childId) {
        return retention.participation(childId);
    }

    /** Takes a cluster-wide lease on a scheduled job until a moment, in a transaction of its own. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public boolean leaseJob(String job, java.time.Instant now, java.time.Instant until, String holder) {
        return retention.lease(job, now, until, holder);
    }

    /** An entry a practitioner recorded by hand, current and confirmed today; returns its id. */
    @Transactional
    public long recordInvolvement(long childId, NewChild.NewInvolvement involvement, long recordedBy,
                                  java.time.LocalDate today, java.time.Instant now) {
        long id = involvements.insert(childId, involvement, recordedBy, today, now);
        if (involvement.serviceType().sensitive()) {
            sealing.seal(List.of(childId));
        }
        return id;
    }

    /** The child an involvement belongs to. */
    @Transactional(readOnly = true)
    public Optional<Long> childOfInvolvement(long involvementId) {
        return involvements.childOf(involvementId);
    }

    /** Ends an involvement (its lead professional flag goes with it); false when it had already ended. */
    @Transactional
    public boolean endInvolvement(long involvementId, java.time.LocalDate endDate, String reason, java.time.Instant now) {
        return involvements.end(involvementId, endDate, reason, now);
    }

    /** Its practitioner confirms an entry still stands: it will not lapse for another period. */
    @Transactional
    public void confirmInvolvement(long involvementId, java.time.LocalDate on) {
        involvements.confirm(involvementId, on);
    }

    @Transactional
    public void setCafHolder(long involvementId, boolean holder, java.time.Instant now) {
        involvements.cafHolder(involvementId, holder, now);
    }

    /** Makes an involvement the child's lead professional; returns the involvements that were until now. */
    @Transactional
    public List<Long> setLeadProfessional(long childId, long involvementId, java.time.Instant now) {
        return involvements.leadProfessional(childId, involvementId, now);
    }

    /** Practitioner entries not confirmed since this day (at most {@code limit}): they lapse. */
    @Transactional(readOnly = true)
    public List<Long> unconfirmedInvolvements(java.time.LocalDate confirmedBefore, int limit) {
        return involvements.unconfirmedSince(confirmedBefore, limit);
    }

    /** The entries a user recorded and their organisation's team entries, current or ended since a day. */
    @Transactional(readOnly = true)
    public List<HeldInvolvement> involvementsHeldBy(long userId, long organisationId, java.time.LocalDate endedSince) {
        return involvements.heldBy(userId, organisationId, endedSince);
    }

    /** What others changed on these children after a moment: by child id, INVOLVEMENT and/or DETAILS. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, List<String>> changesSince(java.util.Collection<Long> childIds, java.time.Instant since,
                                                          long userId) {
        return involvements.changesSince(childIds, since, userId);
    }

    /** Passes a leaver's current entries to another user, or to their organisation as team entries (toUser null). */
    @Transactional
    public List<Long> handOverInvolvements(long leaver, Long toUser, String name, String phone, String email,
                                           java.time.Instant now) {
        return involvements.handOver(leaver, toUser, name, phone, email, now);
    }

    /** Who recorded an entry by hand, if anyone. */
    @Transactional(readOnly = true)
    public Optional<Long> involvementRecorder(long involvementId) {
        return involvements.recorder(involvementId);
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
     * The identifying fields of the children sharing the most blocking keys with a record (as {@link #candidates}
     * chooses them), in id order, read in one database round trip: what a search needs per request.
     */
    @Transactional(readOnly = true)
    public List<ChildForMatching> candidatesForMatching(long[] keys, int perKeyCap, int limit) {
        return matching.candidatesForMatching(keys, perKeyCap, limit);
    }

    /**
     * Shields or unshields a record. Only the safeguards module calls this, after its own checks (who may,
     * the two-person rule); the change is published so that the search index follows it in the same
     * transaction.
     */
    @Transactional
    public void setShielded(long childId, boolean shielded) {
        if (!shielded) {
            throw new IllegalArgumentException("Unshielding restores the fields the shield sealed: use unshield");
        }
        matching.setShielded(childId, true);
        sealing.seal(List.of(childId));
        events.publishEvent(new ChildrenChanged(List.of(childId)));
    }

    /**
     * Suppresses a live record: the old identity of a child given a new one (adoption, protection). It is never
     * found, linked or offered as a match again. Only the safeguards module calls this, after its own checks;
     * false (nothing changed) when the record was not live.
     */
    @Transactional
    public boolean suppress(long childId) {
        boolean suppressed = matching.suppress(childId);
        if (suppressed) {
            events.publishEvent(new ChildrenChanged(List.of(childId)));
        }
        return suppressed;
    }

    /**
     * Unshields a record, putting back in the clear the address and carers' details the safeguards module opened
     * from their sealed form (ADR 26). Only the safeguards module calls this, after the two-person rule.
     *
     * @param address the child's address columns in {@link SealedValues#CHILD} order, or null when none was sealed
     * @param carers by carer id, their columns in {@link SealedValues#CARER} order
     */
    @Transactional
    public void unshield(long childId, String[] address, java.util.Map<Long, String[]> carers) {
        matching.setShielded(childId, false);
        sealing.restore(childId, address, carers);
        events.publishEvent(new ChildrenChanged(List.of(childId)));
    }

    /**
     * Seals whatever of these children must not be in the clear and is (ADR 26): writers call it in their own
     * transaction; the startup step calls it for rows written before field encryption. Returns the rows sealed.
     */
    @Transactional
    public int sealProtected(java.util.Collection<Long> childIds) {
        return sealing.seal(childIds);
    }

    /** Up to {@code limit} children after id {@code after} with values in the clear that must be sealed. */
    @Transactional(readOnly = true)
    public List<Long> unsealed(long after, int limit) {
        return sealing.unsealed(after, limit);
    }

    /** Up to {@code limit} sealed values of a table (child, carer, involvement) after a row id, for key rotation. */
    @Transactional(readOnly = true)
    public List<SealedValue> sealedValues(String table, long after, int limit) {
        return sealing.sealedIn(table, after, limit);
    }

    /**
     * Up to {@code limit} quarantined feed rows after row {@code after} whose payload is still in the clear (quarantined
     * before V25); the payload stands where a {@link SealedValue} has its ciphertext.
     */
    @Transactional(readOnly = true)
    public List<SealedValue> plainQuarantined(long after, int limit) {
        return sealing.plainQuarantined(after, limit);
    }

    /** Replaces a sealed value by its re-encryption under the current key; false when the row changed meanwhile. */
    @Transactional
    public boolean replaceSealed(SealedValue old, String ciphertext) {
        return sealing.replace(old, ciphertext);
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
        return correct(childId, correction, null, source, asOf, amendedBy, reason, now);
    }

    /**
     * As {@link #correct(long, ChildCorrection, String, java.time.LocalDate, String, String, java.time.Instant)} for a
     * record whose address is sealed (ADR 26): {@code sealedAddressOpened} is the address as the safeguards module
     * opened it, what the correction is compared with; the new address and the history are sealed again.
     */
    @Transactional(noRollbackFor = RecordChangedException.class)
    public List<String> correct(long childId, ChildCorrection correction, Address sealedAddressOpened, String source,
                                java.time.LocalDate asOf, String amendedBy, String reason, java.time.Instant now) {
        List<String> changed = amendments.correct(childId, correction, sealedAddressOpened, source, asOf, amendedBy,
                reason, now);
        if (!changed.isEmpty()) {
            sealing.seal(List.of(childId));
            events.publishEvent(new ChildrenChanged(List.of(childId)));
            if (changed.contains("postcode") || changed.contains("whereabouts")) {
                proposeTransferFor(childId, correction.address(), source, amendedBy);
            }
        }
        return changed;
    }

    /**
     * After a correction of the address: if its postcode lies in another authority's area than the child's
     * responsible LA, the move is proposed to that authority (ADR 42); if it lies in the responsible LA's own, a
     * proposal still open is withdrawn (a proposal to the LA itself says so).
     */
    private void proposeTransferFor(long childId, Address address, String source, String by) {
        Optional<LocalAuthorityCode> area = address == null || address.postcode() == null ? Optional.empty()
                : postcodeAuthorities.of(address.postcode().district());
        Optional<String> responsible = responsibility.lockResponsibleLa(childId);
        if (area.isEmpty() || responsible.isEmpty()) {
            return;
        }
        events.publishEvent(new TransferProposed(childId, new LocalAuthorityCode(responsible.get()), area.get(), source,
                by, null));
    }

    /**
     * Proposes moves of responsibility a feed found (a linked row's address in another authority's area): each is
     * published in this transaction for the transfers module to raise or not (ADR 42).
     */
    @Transactional
    public void proposeTransfers(List<TransferProposed> proposals) {
        proposals.forEach(events::publishEvent);
    }

    /** The authority a postcode's district lies in, from the crosswalk ingest also uses. */
    public Optional<LocalAuthorityCode> authorityOfPostcode(Postcode postcode) {
        return postcode == null ? Optional.empty() : postcodeAuthorities.of(postcode.district());
    }

    /**
     * Moves responsibility for a live child from one LA to another, keeping the move in the history of responsible
     * authorities and in the amendment history, and publishes {@link ResponsibilityTransferred}. Only the transfers
     * module calls this, when the receiving LA accepts (ADR 42).
     *
     * @return false, and nothing changed, when the child is not live or no longer the {@code from} LA's
     */
    @Transactional
    public boolean transferResponsibility(long childId, LocalAuthorityCode from, LocalAuthorityCode to, long transferId,
                                          String acceptedBy, java.time.Instant now) {
        if (!responsibility.move(childId, from.value(), to.value(), transferId, acceptedBy, now)) {
            return false;
        }
        events.publishEvent(new ChildrenChanged(List.of(childId)));
        events.publishEvent(new ResponsibilityTransferred(childId, from, to, transferId, now));
        return true;
    }

    /** The moves of a child's responsible LA, oldest first (none for a child that never moved). */
    @Transactional(readOnly = true)
    public List<ResponsibilityChange> responsibilityHistory(long childId) {
        return responsibility.history(childId);
    }

    /** Live children of an LA with one of these whereabouts, by name, at most {@code limit}: identity only. */
    @Transactional(readOnly = true)
    public List<WhereaboutsEntry> withWhereabouts(LocalAuthorityCode la, List<Whereabouts> states, int limit) {
        return responsibility.withWhereabouts(la.value(), states, limit);
    }

    /** How many live children of an LA have one of these whereabouts. */
    @Transactional(readOnly = true)
    public long countWithWhereabouts(LocalAuthorityCode la, List<Whereabouts> states) {
        return responsibility.countWithWhereabouts(la.value(), states);
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
        int added = children.insertInvolvementsIfNew(involvements.stream()
                .map(i -> new ChildRepository.InvolvementFor(i.childId(), i.involvement(), i.source(), i.asOf())).toList());
        List<Long> sensitive = involvements.stream().filter(i -> i.involvement().serviceType().sensitive())
                .map(ChildInvolvement::childId).distinct().toList();
        if (added > 0 && !sensitive.isEmpty()) {
            sealing.seal(sensitive);
        }
        return added;
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

    /**
     * Refreshes the database's statistics of the child tables: bulk ingestion, the population loader and the
     * search index backfill call it as they grow them (without statistics PostgreSQL plans lookups of a few
     * children as scans of whole tables, and autovacuum may be off).
     */
    @Transactional
    public void refreshStatistics() {
        matching.refreshStatistics();
    }

    /**
     * After a bulk load (population loader, search index backfill): fresh statistics and, on PostgreSQL, a VACUUM
     * that lets index-only scans skip the tables. Runs outside any transaction, as VACUUM must.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public void tidyAfterBulkLoad() {
        matching.tidyAfterBulkLoad();
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

    /** The ContactPoint IDs of these children (by internal id); a purged child has none and is left out. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, ContactPointId> contactPointIds(java.util.Collection<Long> ids) {
        return ids.isEmpty() ? java.util.Map.of() : children.contactPointIds(ids);
    }

    /** Adds children in one transaction: all of them or, on any failure, none. */
    @Transactional
    public List<Long> add(List<NewChild> newChildren) {
        List<Long> ids = children.insert(newChildren);
        List<Long> protectedIds = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            NewChild c = newChildren.get(i);
            if (c.shielded() || c.involvements().stream().anyMatch(v -> v.serviceType().sensitive())) {
                protectedIds.add(ids.get(i));
            }
        }
        if (!protectedIds.isEmpty()) {
            sealing.seal(protectedIds);
        }
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

    /**
     * Who works with which children now: organisation id to the ids of the live children it has an open
     * involvement with or is the school or GP practice of. For the usage simulator's caseloads.
     */
    @Transactional(readOnly = true)
    public java.util.Map<Long, List<Long>> childrenByOrganisation() {
        return children.childrenByOrganisation();
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

package uk.contactpoint.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.support.TransactionOperations;

import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.synthetic.DemoAccountsFile.Credential;

class DemoSeederTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-15T10:00:00Z"), ZoneId.of("Europe/London"));
    private static final List<LocalAuthorityCode> AUTHORITIES = Stream.of("E08000035", "E09000007", "E10000008")
            .map(LocalAuthorityCode::new).toList();

    @TempDir
    Path temp;

    private final Directory directory = mock(Directory.class);
    private final LocalAuthorities localAuthorities = mock(LocalAuthorities.class);
    private final UserAccounts userAccounts = mock(UserAccounts.class);
    private final AtomicLong organisationIds = new AtomicLong(100);

    @Test
    void anEmptyDirectoryGetsAuthoritiesOrganisationsChildrenInBatchesAndAccounts() throws IOException {
        emptyDirectoryWithKnownAuthorities();
        Path dataDirectory = temp.resolve("not-yet-created");

        seeder(1200, dataDirectory).afterSingletonsInstantiated();

        for (LocalAuthorityCode la : AUTHORITIES) {
            verify(localAuthorities).update(eq(la), any(String.class), eq(LiveState.PRACTITIONERS_LIVE));
        }
        ArgumentCaptor<String> edtPhones = ArgumentCaptor.forClass(String.class);
        verify(localAuthorities, times(3)).update(any(), edtPhones.capture(), any());
        assertThat(edtPhones.getAllValues()).allSatisfy(p -> assertThat(p).matches("0808 157 0\\d{3}")).doesNotHaveDuplicates();

        ArgumentCaptor<NewOrganisation> organisations = ArgumentCaptor.forClass(NewOrganisation.class);
        verify(directory, times((int) (organisationIds.get() - 100))).addOrganisation(organisations.capture());
        long firstId = 101;
        long lastId = organisationIds.get();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<NewChild>> batches = ArgumentCaptor.forClass(List.class);
        verify(directory, times(3)).add(batches.capture());
        assertThat(batches.getAllValues()).extracting(List::size).containsExactly(500, 500, 200);
        assertThat(batches.getAllValues().stream().flatMap(List::stream)).allSatisfy(c -> {
            assertThat(c.settings()).allSatisfy(s -> assertThat(s.organisationId()).isBetween(firstId, lastId));
            assertThat(c.involvements()).allSatisfy(i -> assertThat(i.organisationId()).isBetween(firstId, lastId));
        });

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<NewUser>> captured = ArgumentCaptor.forClass(List.class);
        verify(userAccounts).createAll(captured.capture());
        List<NewUser> created = captured.getValue();
        assertThat(created).hasSize(13);
        Map<String, NewUser> byName = created.stream()
                .collect(Collectors.toMap(NewUser::username, Function.identity()));
        assertThat(byName.get("leeds.lateam").roles()).containsExactlyInAnyOrder(Role.LA_USER_ADMIN,
                Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER, Role.LA_AUDITOR);
        assertThat(byName.get("camden.socialworker").childProtection()).isTrue();
        assertThat(byName.get("devon.gp").localAuthority()).isEqualTo("E10000008");
        assertThat(byName.get("national.admin").localAuthority()).isNull();
        assertThat(created).allSatisfy(u -> {
            assertThat(u.password()).matches("[A-Za-z0-9]{20}");
            assertThat(u.pin()).matches("\\d{6}");
            assertThat(u.totpSecret()).matches("[A-Z2-7]{32}");
            assertThat(u.organisationId()).isBetween(firstId, lastId);
            assertThat(u.dbsCheckDate()).isAfter(LocalDate.now(CLOCK).minusYears(1));
        });
        assertThat(created).extracting(NewUser::password).doesNotHaveDuplicates();

        Path file = dataDirectory.resolve("demo-accounts.csv");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("username,password,pin,totp_secret,role,organisation");
        assertThat(lines).hasSize(14);
        assertThat(lines).contains("leeds.lateam," + byName.get("leeds.lateam").password()
                + "," + byName.get("leeds.lateam").pin() + "," + byName.get("leeds.lateam").totpSecret() + ",la_auditor+la_data_manager+la_shielding_officer+la_user_admin,Leeds City Council");
        assertThat(lines).contains("national.admin," + byName.get("national.admin").password()
                + "," + byName.get("national.admin").pin() + "," + byName.get("national.admin").totpSecret() + ",national_admin,ContactPoint National Team");
        String teacherOrganisation = organisations.getAllValues()
                .get((int) (byName.get("leeds.teacher").organisationId() - firstId)).name();
        assertThat(lines).contains("leeds.teacher," + byName.get("leeds.teacher").password() + ","
                + byName.get("leeds.teacher").pin() + "," + byName.get("leeds.teacher").totpSecret() + ",practitioner,"
                + DemoAccountsFile.field(teacherOrganisation));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void aDirectoryThatAlreadyHasChildrenIsLeftAlone() {
        when(directory.count()).thenReturn(42L);
        Path dataDirectory = temp.resolve("data");

        seeder(300, dataDirectory).afterSingletonsInstantiated();

        verify(directory, never()).addOrganisation(any());
        verify(directory, never()).add(anyList());
        verify(localAuthorities, never()).update(any(), any(), any());
        verify(userAccounts, never()).createAll(any());
        assertThat(dataDirectory).doesNotExist();
    }

    @Test
    void aChildCountOfZeroSeedsNothingSoThatTheNextStartDoesNotCollideWithHalfADemo() {
        emptyDirectoryWithKnownAuthorities();

        seeder(0, temp.resolve("data")).afterSingletonsInstantiated();

        verify(directory, never()).addOrganisation(any());
        verify(userAccounts, never()).createAll(any());
        assertThat(temp.resolve("data")).doesNotExist();
    }

    @Test
    void anAuthorityMissingFromTheRegisterStopsTheSeedBeforeAnythingIsStored() {
        when(directory.count()).thenReturn(0L);
        when(localAuthorities.find(any())).thenReturn(Optional.empty());

        assertThatThrownBy(() -> seeder(30, temp).afterSingletonsInstantiated())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("E08000035");
        verify(directory, never()).addOrganisation(any());
        verify(directory, never()).add(anyList());
    }

    @Test
    void anAccountsFileFieldWithACommaOrQuoteIsQuoted() {
        Path file = DemoAccountsFile.write(temp, List.of(
                new Credential("a.user", "pw", "", "", "PRACTITIONER", "Bristol, City of"),
                new Credential("b.user", "pw", "", "", "PRACTITIONER", "The \"Quoted\" Practice")));

        assertThat(file).hasContent("""
                username,password,pin,totp_secret,role,organisation
                a.user,pw,,,PRACTITIONER,"Bristol, City of"
                b.user,pw,,,PRACTITIONER,"The ""Quoted"" Practice"
                """);
        assertThat(new Credential("a", "secret", "", "", "PRACTITIONER", "x").toString()).doesNotContain("secret");
    }

    @Test
    void theSeederExistsOnlyWhenDemoDataIsEnabledAndDefaultsToThreeAuthoritiesAnd3000Children() {
        when(directory.count()).thenReturn(1L);
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withBean(Directory.class, () -> directory)
                .withBean(LocalAuthorities.class, () -> localAuthorities)
                .withBean(UserAccounts.class, () -> userAccounts)
                .withBean(TransactionOperations.class, TransactionOperations::withoutTransaction)
                .withBean(Clock.class, () -> CLOCK)
                .withUserConfiguration(DemoSeeder.class);

        runner.run(context -> assertThat(context).doesNotHaveBean(DemoSeeder.class));
        runner.withPropertyValues("contactpoint.demo.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DemoSeeder.class));
        runner.withPropertyValues("contactpoint.demo.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(DemoSeeder.class);
            DemoSeeder.Settings settings = context.getBean(DemoSeeder.class).settings();
            assertThat(settings.children()).isEqualTo(3000);
            assertThat(settings.seed()).isEqualTo(2009);
            assertThat(settings.localAuthorities()).isEqualTo(AUTHORITIES);
            assertThat(settings.dataDirectory()).isEqualTo(Path.of("./data"));
        });
        runner.withPropertyValues("contactpoint.demo.enabled=true", "contactpoint.demo.children=50",
                "contactpoint.demo.seed=7", "contactpoint.demo.local-authorities=E06000032, E08000035",
                "contactpoint.data-dir=/tmp/cp").run(context -> {
            DemoSeeder.Settings settings = context.getBean(DemoSeeder.class).settings();
            assertThat(settings.children()).isEqualTo(50);
            assertThat(settings.seed()).isEqualTo(7);
            assertThat(settings.localAuthorities()).containsExactly(new LocalAuthorityCode("E06000032"),
                    new LocalAuthorityCode("E08000035"));
            assertThat(settings.dataDirectory()).isEqualTo(Path.of("/tmp/cp"));
        });
    }

    private DemoSeeder seeder(int children, Path dataDirectory) {
        return new DemoSeeder(directory, localAuthorities, userAccounts, TransactionOperations.withoutTransaction(),
                new DemoSeeder.Settings(children, 2009, AUTHORITIES, dataDirectory), CLOCK);
    }

    private void emptyDirectoryWithKnownAuthorities() {
        when(directory.count()).thenReturn(0L);
        when(localAuthorities.find(any())).thenAnswer(call -> Optional.of(new LocalAuthority(call.getArgument(0),
                "XXX", "Somewhere", "Somewhere Council", "MD", "Somewhere", 1000, null, LiveState.NOT_STARTED, null)));
        when(directory.addOrganisation(any())).thenAnswer(call -> organisationIds.incrementAndGet());
        when(directory.add(anyList())).thenAnswer(call -> {
            List<?> batch = call.getArgument(0);
            return new ArrayList<>(LongStream.range(0, batch.size()).boxed().toList());
        });
    }
}

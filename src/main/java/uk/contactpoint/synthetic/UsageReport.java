package uk.contactpoint.synthetic;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import uk.contactpoint.synthetic.UsageSimulator.Profile;
import uk.contactpoint.synthetic.UsageSimulator.Result;
import uk.contactpoint.synthetic.UsageSimulator.RuleFigures;
import uk.contactpoint.synthetic.UsageSimulator.Seeded;

/** The usage simulator's findings as a markdown report and as a few lines for the terminal. */
public final class UsageReport {

    private static final java.time.format.DateTimeFormatter WINDOW = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private UsageReport() {
    }

    /** A few lines: each rule's alerts, catches and false alarms. */
    public static String summary(Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%,d users (%d misusers) over %d days: %,d events (%,d searches, %,d views, %,d sign-ins) "
                        + "written in %.1f s, monitored in %.1f s%n", r.settings().users(), r.seeded().size(), r.settings().days(),
                r.events(), r.searches(), r.views(), r.logins(), r.writeMillis() / 1000.0, r.scanMillis() / 1000.0));
        s.append(String.format(Locale.ROOT, "%-17s %7s %7s %7s %7s %10s %9s%n", "rule", "alerts", "seeded", "caught", "missed",
                "false al.", "precision"));
        for (RuleFigures f : r.rules()) {
            s.append(String.format(Locale.ROOT, "%-17s %7d %7d %7d %7d %10d %9s%n", f.rule(), f.alerts(), f.seeded(), f.caught(),
                    f.seeded() - f.caught(), f.falseAlarms(), percent(f.precision())));
        }
        s.append(String.format(Locale.ROOT, "Seeded misusers caught by their rule: %d of %d; false alarms: %d, about %d of %d normal users%n",
                r.misusersCaught(), r.seeded().size(), r.falseAlarms(), r.normalUsersAlerted(), r.settings().users() - r.seeded().size()));
        return s.toString();
    }

    /** The report written to docs/misuse-simulation.md. */
    public static String markdown(Result r, String command, String machine) {
        StringBuilder s = new StringBuilder();
        s.append("# Misuse rules against simulated usage\n\n");
        s.append("Written by `").append(command).append("` (ADR 31). ");
        s.append(String.format(Locale.ROOT, "%,d simulated practitioners used a directory of %,d live children in %d local authorities "
                        + "(%d organisations working with children%s) from %s to %s; %d of them were seeded with one misuse each. "
                        + "Seed %d.%n%n", r.settings().users(), r.children(), r.localAuthorities(), r.organisations(),
                r.generatedDirectory() ? ", the demo directory generated for the run" : "", r.firstDay(), r.lastDay(),
                r.seeded().size(), r.settings().seed()));
        s.append("## Headline\n\n");
        s.append(String.format(Locale.ROOT, "- Seeded misusers caught by the rule seeded for: **%d of %d**.%n", r.misusersCaught(),
                r.seeded().size()));
        s.append(String.format(Locale.ROOT, "- False alarms: **%d** alerts, about %d of %,d normal users (%s of them) over %d days.%n",
                r.falseAlarms(), r.normalUsersAlerted(), r.settings().users() - r.seeded().size(),
                percent((double) r.normalUsersAlerted() / Math.max(1, r.settings().users() - r.seeded().size())), r.settings().days()));
        s.append(String.format(Locale.ROOT, "- %,d audit events (%,d searches, %,d record views, %,d sign-ins) written in %.1f s "
                        + "(%,d events/s) through `AuditLog`; the rules ran %,d times over them in %.1f s; %.1f s in all.%n%n",
                r.events(), r.searches(), r.views(), r.logins(), r.writeMillis() / 1000.0,
                r.writeMillis() == 0 ? r.events() : r.events() * 1000 / r.writeMillis(), r.scanRuns(), r.scanMillis() / 1000.0,
                r.totalMillis() / 1000.0));
        s.append("## Each rule\n\n");
        s.append("An alert is *on its own misuse* when it is about a user seeded for that rule and its window falls on the day of the "
                + "misuse; *on other misuse* when it is about a user seeded for another rule on the day of their misuse (the misuse "
                + "tripped a second rule: still worth an auditor's look); a *false alarm* otherwise. Precision: alerts on misuse "
                + "of either kind over all alerts. Recall: seeded misusers caught over seeded misusers.\n\n");
        s.append("| rule | alerts | on own misuse | on other misuse | false alarms (users) | seeded | caught | missed | precision | recall |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RuleFigures f : r.rules()) {
            s.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %d | %d (%d) | %d | %d | %d | %s | %s |%n", f.rule(), f.alerts(),
                    f.onOwn(), f.onOther(), f.falseAlarms(), f.usersFalselyAlerted(), f.seeded(), f.caught(), f.seeded() - f.caught(),
                    percent(f.precision()), percent(f.recall())));
        }
        s.append("\nFalse alarms by the profile of the user alerted:\n\n");
        for (RuleFigures f : r.rules()) {
            if (f.falseAlarms() > 0) {
                s.append("- `").append(f.rule()).append("`: ").append(profiles(f.falseAlarmsByProfile())).append(" ")
                        .append(why(f.rule())).append('\n');
            }
        }
        if (r.rules().stream().allMatch(f -> f.falseAlarms() == 0)) {
            s.append("- none.\n");
        }
        if (!r.falseAlarmList().isEmpty()) {
            s.append("\nEach false alarm (the window is the hour, day or ten minutes the rule looked at, Europe/London):\n\n");
            s.append("| rule | user | profile | window | seeded with |\n|---|---|---|---|---|\n");
            r.falseAlarmList().stream().limit(200).forEach(f -> s.append("| `").append(f.rule()).append("` | ").append(f.username())
                    .append(" | ").append(f.profile().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(WINDOW.format(f.windowStart().atZone(UsageSimulator.LONDON))).append(" | ")
                    .append(f.seededFor() == null ? "-" : "`" + f.seededFor() + "` on another day").append(" |\n"));
        }
        s.append("\n## Seeded misuse\n\n");
        s.append("| rule | what the misuser did | seeded | caught |\n|---|---|---:|---:|\n");
        for (RuleFigures f : r.rules()) {
            s.append("| `").append(f.rule()).append("` | ").append(what(f.rule())).append(" | ").append(f.seeded()).append(" | ")
                    .append(f.caught()).append(" |\n");
        }
        if (!r.missed().isEmpty()) {
            s.append("\nMissed:\n\n");
            for (Seeded m : r.missed()) {
                s.append("- `").append(m.rule()).append("`: ").append(m.username()).append(" (").append(m.profile().name().toLowerCase(Locale.ROOT))
                        .append(") on ").append(m.day()).append('\n');
            }
        }
        if (!r.notSeeded().isEmpty()) {
            s.append("\nNot seeded:\n\n");
            r.notSeeded().forEach(n -> s.append("- ").append(n).append('\n'));
        }
        s.append("\n## The simulated users\n\n");
        s.append("Each works for an organisation of the directory that works with at least 3 children (picked in proportion to the "
                + "square root of its caseload), in that organisation's local authority. On a weekday 93% of them work (weekends: "
                + "12% of busy users, 2% of the others), signing in between 07:45 and 10:00 Europe/London (6% from home) for about "
                + "7 h 45 min; a quarter sign out over lunch and back in; 70% sign out at the end of the day. Each piece of work is "
                + "a search (given name, family name and date of birth; or family name and date of birth; or names and postcode; 5% "
                + "find nothing) followed by the record, with a reason, or one of their last 30 records opened again (20%, once they "
                + "have 5). Past the daily cap of "
                + UsageSimulator.DAILY_VIEW_CAP + " children their organisation does not work with (ADR 25), a view is refused "
                + "and audited as the service does. "
                + String.format(Locale.ROOT, "On 0.3%% of days a user looks at the directory from home before leaving and does not "
                + "sign out there.%n%n"));
        s.append("| profile | users | pieces of work a day (mean) | their organisation's children | others in their LA | elsewhere |\n");
        s.append("|---|---:|---:|---:|---:|---:|\n");
        for (Profile p : Profile.values()) {
            s.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %s | %s | %s |%n", p.name().toLowerCase(Locale.ROOT),
                    r.usersByProfile().getOrDefault(p, 0), p.viewsPerDay, percent(p.involved), percent(p.sameLa),
                    percent(1 - p.involved - p.sameLa)));
        }
        s.append("\nMachine: ").append(machine).append(".\n");
        return s.toString();
    }

    private static String profiles(Map<Profile, Integer> byProfile) {
        return byProfile.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + ".";
    }

    private static String why(UsageSimulator.Scenario rule) {
        return switch (rule) {
            case VOLUME -> "An unusually heavy hour of ordinary work.";
            case NO_RELATIONSHIP -> "Children who moved away or whom a colleague elsewhere asked about: the rule counts views, "
                    + "so one such child opened three times in a day is enough.";
            case SHIELDED_PROBING -> "Busy users open many children of their LA their organisation does not work with; "
                    + "the demo directory shields 2% of families (England: a few in a thousand), so two in a day happen.";
            case BULK_ACCESS -> "A very busy stretch.";
            case CONCURRENT_LOGIN -> "A look at the directory from home, then a sign-in at the office without signing out at home.";
            case OWN_SURNAME -> "A practitioner whose family name is also a child's they work with (a common surname).";
        };
    }

    private static String what(UsageSimulator.Scenario rule) {
        return switch (rule) {
            case VOLUME -> "40 to 54 searches and views in one hour, evenly paced";
            case NO_RELATIONSHIP -> "3 to 5 children of other local authorities that their organisation does not work with, in a day";
            case SHIELDED_PROBING -> "2 or 3 shielded children their organisation does not work with, in a day";
            case BULK_ACCESS -> "48 to 57 children of their LA opened in sequence, one every 15 to 20 s (past the daily cap, refused)";
            case CONCURRENT_LOGIN -> "a sign-in from an outside address 1 to 3.5 h after their own, then a few records";
            case OWN_SURNAME -> "a search for a child of their own family name (a relative), then the record";
        };
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}

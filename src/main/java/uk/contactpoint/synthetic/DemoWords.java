package uk.contactpoint.synthetic;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

import uk.contactpoint.directory.LocalAuthorityCode;

/**
 * Word lists and number ranges for plausible, fictional demo data. Phone numbers come only from the ranges
 * Ofcom keeps for drama (never allocated), so a demo number can never ring a real person.
 */
final class DemoWords {

    private static final Pattern NOT_A_LETTER = Pattern.compile("[^a-z]");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_HYPHENS = Pattern.compile("^-|-$");

    private DemoWords() {
    }

    static final List<String> STREET_NAMES = List.of("Church", "Station", "Victoria", "Park", "Mill", "High",
            "Queen's", "King's", "Manor", "Oak", "Elm", "Beech", "Willow", "Meadow", "Chapel", "School", "Green",
            "Orchard", "Albert", "Alexandra", "Windsor", "York", "George", "Grange", "Springfield", "Highfield",
            "Westfield", "Cemetery", "Mount", "Brook", "Hawthorn", "Holly", "Ash", "Cedar", "Rowan", "Sycamore",
            "Primrose", "Bluebell", "Clarence", "Nelson", "Wellington", "Cromwell", "Salisbury", "Stanley",
            "Derwent", "Lime", "Poplar", "Rectory", "Vicarage", "Marlborough", "Balmoral", "Kingsway", "Fern",
            "Heather", "Moor", "Hillside", "Valley", "Riverside", "Canal", "Bridge", "Water", "North", "South");

    static final List<String> STREET_TYPES = List.of("Road", "Road", "Road", "Street", "Street", "Lane", "Avenue",
            "Close", "Drive", "Way", "Crescent", "Gardens", "Terrace", "Grove", "Place", "Court", "View", "Rise");

    static final List<String> BUILDINGS = List.of("Kingsley House", "Maple Court", "Beaumont House", "Harbour View",
            "Foxglove Court", "Chestnut House", "Victoria Mansions", "Mill House", "Priory Court", "Oakfield House",
            "Linden Court", "Regent House", "Mulberry Court", "Lark House", "Cavendish Court");

    /** Invented place names for schools and practices, so that no real school is ever named. */
    static final List<String> PLACES = List.of("Oakwood", "Meadowfield", "Hillside", "Brookside", "Parkside",
            "Fairfield", "Greenbank", "Westgate", "Northfield", "Southway", "Ashgrove", "Beechwood", "Elmhurst",
            "Kingsmead", "Queensbridge", "Riverside", "Highcliffe", "Millbrook", "Thornhill", "Woodlands",
            "Springbank", "Holywell", "Castleview", "Larkrise", "Stonegate", "Willowbank", "Heathfield",
            "Orchard Vale", "Moorside", "Churchfields", "Foxhill", "Harewood Vale", "Redbrook", "Silverdale",
            "Cherry Tree", "Brambleside", "Kestrel Park", "Hollybank", "Rosehill", "Linden Grove");

    static final List<String> SAINTS = List.of("St Mary's", "St John's", "St Peter's", "St Anne's", "Holy Trinity",
            "St Chad's", "St Aidan's", "St Bede's", "St Michael's", "St Oswald's", "St Margaret's", "St Luke's");

    static final List<String> LOCALITIES = List.of("North", "South", "East", "West", "Central");

    // The main post town of each English postcode area (and the border areas that reach England), for the
    // town line of an address; a district in any other area is not used for made-up postcodes.
    private static final Map<String, String> POST_TOWNS = Map.ofEntries(
            Map.entry("AL", "St Albans"), Map.entry("B", "Birmingham"), Map.entry("BA", "Bath"),
            Map.entry("BB", "Blackburn"), Map.entry("BD", "Bradford"), Map.entry("BH", "Bournemouth"),
            Map.entry("BL", "Bolton"), Map.entry("BN", "Brighton"), Map.entry("BR", "Bromley"),
            Map.entry("BS", "Bristol"), Map.entry("CA", "Carlisle"), Map.entry("CB", "Cambridge"),
            Map.entry("CH", "Chester"), Map.entry("CM", "Chelmsford"), Map.entry("CO", "Colchester"),
            Map.entry("CR", "Croydon"), Map.entry("CT", "Canterbury"), Map.entry("CV", "Coventry"),
            Map.entry("CW", "Crewe"), Map.entry("DA", "Dartford"), Map.entry("DE", "Derby"),
            Map.entry("DH", "Durham"), Map.entry("DL", "Darlington"), Map.entry("DN", "Doncaster"),
            Map.entry("DT", "Dorchester"), Map.entry("DY", "Dudley"), Map.entry("E", "London"),
            Map.entry("EC", "London"), Map.entry("EN", "Enfield"), Map.entry("EX", "Exeter"),
            Map.entry("FY", "Blackpool"), Map.entry("GL", "Gloucester"), Map.entry("GU", "Guildford"),
            Map.entry("HA", "Harrow"), Map.entry("HD", "Huddersfield"), Map.entry("HG", "Harrogate"),
            Map.entry("HP", "Hemel Hempstead"), Map.entry("HR", "Hereford"), Map.entry("HU", "Hull"),
            Map.entry("HX", "Halifax"), Map.entry("IG", "Ilford"), Map.entry("IP", "Ipswich"),
            Map.entry("KT", "Kingston upon Thames"), Map.entry("L", "Liverpool"), Map.entry("LA", "Lancaster"),
            Map.entry("LE", "Leicester"), Map.entry("LN", "Lincoln"), Map.entry("LS", "Leeds"),
            Map.entry("LU", "Luton"), Map.entry("M", "Manchester"), Map.entry("ME", "Rochester"),
            Map.entry("MK", "Milton Keynes"), Map.entry("N", "London"), Map.entry("NE", "Newcastle upon Tyne"),
            Map.entry("NG", "Nottingham"), Map.entry("NN", "Northampton"), Map.entry("NR", "Norwich"),
            Map.entry("NW", "London"), Map.entry("OL", "Oldham"), Map.entry("OX", "Oxford"),
            Map.entry("PE", "Peterborough"), Map.entry("PL", "Plymouth"), Map.entry("PO", "Portsmouth"),
            Map.entry("PR", "Preston"), Map.entry("RG", "Reading"), Map.entry("RH", "Redhill"),
            Map.entry("RM", "Romford"), Map.entry("S", "Sheffield"), Map.entry("SE", "London"),
            Map.entry("SG", "Stevenage"), Map.entry("SK", "Stockport"), Map.entry("SL", "Slough"),
            Map.entry("SM", "Sutton"), Map.entry("SN", "Swindon"), Map.entry("SO", "Southampton"),
            Map.entry("SP", "Salisbury"), Map.entry("SR", "Sunderland"), Map.entry("SS", "Southend-on-Sea"),
            Map.entry("ST", "Stoke-on-Trent"), Map.entry("SW", "London"), Map.entry("SY", "Shrewsbury"),
            Map.entry("TA", "Taunton"), Map.entry("TF", "Telford"), Map.entry("TN", "Tonbridge"),
            Map.entry("TQ", "Torquay"), Map.entry("TR", "Truro"), Map.entry("TS", "Middlesbrough"),
            Map.entry("TW", "Twickenham"), Map.entry("UB", "Southall"), Map.entry("W", "London"),
            Map.entry("WA", "Warrington"), Map.entry("WC", "London"), Map.entry("WD", "Watford"),
            Map.entry("WF", "Wakefield"), Map.entry("WN", "Wigan"), Map.entry("WR", "Worcester"),
            Map.entry("WS", "Walsall"), Map.entry("WV", "Wolverhampton"), Map.entry("YO", "York"),
            Map.entry("DG", "Dumfries"), Map.entry("LD", "Llandrindod Wells"), Map.entry("LL", "Llandudno"),
            Map.entry("NP", "Newport"), Map.entry("TD", "Galashiels"));

    // Ofcom's drama ranges for the cities that have one (01xx 496 0000-0999, Tyneside 0191 498); elsewhere the
    // area-less 01632 960xxx range. London numbers use 020 7946 0xxx.
    private static final Map<String, String> CITY_DRAMA_RANGES = Map.of(
            "E08000035", "0113 496 0", "E08000019", "0114 496 0", "E06000018", "0115 496 0",
            "E06000016", "0116 496 0", "E06000023", "0117 496 0", "E06000038", "0118 496 0",
            "E08000025", "0121 496 0", "E08000012", "0151 496 0", "E08000003", "0161 496 0",
            "E08000021", "0191 498 0");
    private static final String LONDON_DRAMA_RANGE = "020 7946 0";
    private static final String NO_AREA_DRAMA_RANGE = "01632 960";
    private static final String MOBILE_DRAMA_RANGE = "07700 900";
    private static final String FREEPHONE_DRAMA_RANGE = "0808 157 0";

    // DfE local authority numbers, the first part of a UPN. Authorities not listed get a made-up number:
    // the UPN stays valid, just not the authority's real prefix.
    private static final Map<String, Integer> DFE_NUMBERS = Map.ofEntries(
            Map.entry("E08000035", 383), Map.entry("E09000007", 202), Map.entry("E10000008", 878),
            Map.entry("E08000025", 330), Map.entry("E08000003", 352), Map.entry("E08000012", 341),
            Map.entry("E08000019", 373), Map.entry("E06000023", 801), Map.entry("E08000021", 391),
            Map.entry("E06000018", 892), Map.entry("E06000016", 856), Map.entry("E10000016", 886),
            Map.entry("E10000012", 881), Map.entry("E10000017", 888), Map.entry("E10000014", 850),
            Map.entry("E10000030", 936), Map.entry("E09000033", 213), Map.entry("E09000012", 204),
            Map.entry("E09000019", 206), Map.entry("E09000030", 211), Map.entry("E09000022", 208),
            Map.entry("E09000028", 210));

    // The first letter of NHS ODS codes of GP practices broadly follows the old health regions.
    private static final Map<String, Character> ODS_LETTERS = Map.of(
            "North East", 'A', "Yorkshire and The Humber", 'B', "East Midlands", 'C', "East of England", 'D',
            "London", 'F', "South East", 'H', "South West", 'L', "West Midlands", 'M', "North West", 'P');

    /** The post town of a postcode area, or null for an area the generator does not know. */
    static String postTown(String postcodeArea) {
        return POST_TOWNS.get(postcodeArea);
    }

    /** A landline number in the drama range nearest the authority, with the last three digits given. */
    static String landline(LocalAuthorityCode code, String region, int lastThree) {
        String prefix = CITY_DRAMA_RANGES.get(code.value());
        if (prefix == null) {
            prefix = "London".equals(region) ? LONDON_DRAMA_RANGE : NO_AREA_DRAMA_RANGE;
        }
        return prefix + threeDigits(lastThree);
    }

    static String mobile(int lastThree) {
        return MOBILE_DRAMA_RANGE + threeDigits(lastThree);
    }

    static String freephone(int lastThree) {
        return FREEPHONE_DRAMA_RANGE + threeDigits(lastThree);
    }

    static int dfeNumber(LocalAuthorityCode code) {
        Integer known = DFE_NUMBERS.get(code.value());
        return known != null ? known : 100 + Integer.parseInt(code.value().substring(3)) % 900;
    }

    static char odsLetter(String region) {
        return ODS_LETTERS.getOrDefault(region, 'Y');
    }

    /** Lower case, letters only: "Leeds" to "leeds", "St. Helens" to "sthelens". */
    static String slug(String name) {
        return NOT_A_LETTER.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    /** Lower case with hyphens between words, for domain labels and mailbox names. */
    static String hyphenSlug(String text) {
        String hyphenated = NOT_ALPHANUMERIC.matcher(text.toLowerCase(Locale.ROOT).replace("'", "")).replaceAll("-");
        return EDGE_HYPHENS.matcher(hyphenated).replaceAll("");
    }

    static <T> T pick(List<T> list, RandomGenerator random) {
        return list.get(random.nextInt(list.size()));
    }

    private static String threeDigits(int n) {
        int digits = Math.floorMod(n, 1000);
        return digits < 10 ? "00" + digits : digits < 100 ? "0" + digits : Integer.toString(digits);
    }
}

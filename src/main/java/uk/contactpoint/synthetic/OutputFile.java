package uk.contactpoint.synthetic;

/**
 * Every file the national generator writes, with its header; docs/feeds.md describes each column. The
 * first five are the source feeds, at the top of the output directory; then the truth; then the organisation
 * reference files in their publishers' layouts (an empty header: the file has no header line).
 */
enum OutputFile {
    BIRTHS("births", "births.csv",
            "registration_id,child_forename,child_middle_names,child_surname,sex,date_of_birth,place_of_birth,"
                    + "mother_forename,mother_surname,father_forename,father_surname,mother_address_line1,"
                    + "mother_address_line2,mother_town,mother_postcode,registration_date"),
    SCHOOL_CENSUS("school-census", "school-census.csv",
            "upn,legal_forename,legal_middle_names,legal_surname,preferred_forename,former_surname,date_of_birth,"
                    + "sex,address_line1,address_line2,town,postcode,school_urn,entry_date"),
    CHILD_BENEFIT("child-benefit", "child-benefit.csv",
            "claim_id,claimant_forename,claimant_surname,claimant_nino,address_line1,address_line2,town,postcode,"
                    + "child_forename,child_middle_names,child_surname,date_of_birth,sex"),
    NHS_DEMOGRAPHICS("nhs-demographics", "nhs-demographics.csv",
            "nhs_number,forename,middle_names,surname,date_of_birth,sex,address_line1,address_line2,town,postcode,"
                    + "gp_practice_code,registration_date,date_of_death"),
    LA_SERVICES("la-services", "la-services.csv",
            "record_id,forename,middle_names,surname,date_of_birth,sex,address_line1,address_line2,town,postcode,"
                    + "service_type,organisation_code,organisation_name,practitioner_name,team_name,role,phone,"
                    + "email,start_date,end_date,lead_professional,caf_holder,sensitive,consent"),
    CHILDREN(null, "truth/children.csv",
            "child_id,family_id,forename,middle_names,surname,former_surname,date_of_birth,sex,la,whereabouts,"
                    + "address_line1,address_line2,town,postcode,shielded,refuge,education_status,date_of_death,"
                    + "moved_on,previous_la,previous_address_line1,previous_address_line2,previous_town,"
                    + "previous_postcode,birth_forename,birth_surname"),
    CARERS(null, "truth/carers.csv",
            "child_id,carer_no,relationship,forename,surname,parental_responsibility,has_care,address_line1,"
                    + "address_line2,town,postcode,phone,email"),
    ORGANISATIONS(null, "truth/organisations.csv",
            "org_id,kind,code,name,sector,setting_type,address_line1,address_line2,town,postcode,phone,email,la"),
    SETTINGS(null, "truth/settings.csv", "child_id,kind,org_id,start_date,end_date"),
    INVOLVEMENTS(null, "truth/involvements.csv",
            "child_id,service_type,org_id,practitioner_name,team_name,role,phone,email,start_date,end_date,"
                    + "lead_professional,caf_holder,sensitive"),
    IDENTIFIERS(null, "truth/identifiers.csv", "child_id,scheme,value"),
    /** Schools in DfE's GIAS layout (a subset of its columns, in its order), for {@code ingest --source schools}. */
    GIAS(null, "reference/edubasealldata.csv",
            "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (code),"
                    + "TypeOfEstablishment (name),EstablishmentStatus (code),EstablishmentStatus (name),OpenDate,"
                    + "CloseDate,PhaseOfEducation (code),PhaseOfEducation (name),Street,Locality,Address3,Town,"
                    + "County (name),Postcode,TelephoneNum,GSSLACode (name)"),
    /** GP practices in the ODS epraccur layout: 27 columns and, as published, no header line. */
    EPRACCUR(null, "reference/epraccur.csv", "");

    static final OutputFile[] FEEDS = {BIRTHS, SCHOOL_CENSUS, CHILD_BENEFIT, NHS_DEMOGRAPHICS, LA_SERVICES};

    static final String FEED_ROWS = "truth/feed-rows.csv";
    static final String FEED_ROWS_HEADER = "feed,row,child_id";
    static final String FEED_ERRORS = "truth/feed-errors.csv";
    static final String FEED_ERRORS_HEADER = "feed,row,error";

    /** The feed's name in feed-rows.csv, or null for a truth file. */
    final String feed;
    final String path;
    final String header;
    final int columns;

    OutputFile(String feed, String path, String header) {
        this.feed = feed;
        this.path = path;
        this.header = header;
        this.columns = header.split(",").length;
    }

    boolean isFeed() {
        return feed != null;
    }
}

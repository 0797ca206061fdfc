package uk.contactpoint.directory;

/** A postal address. Lines may be empty; the postcode may be absent when it is not known. */
public record Address(String line1, String line2, String town, Postcode postcode) {

    public String postcodeDistrict() {
        return postcode == null ? null : postcode.district();
    }
}

package uk.contactpoint.directory;

/**
 * Seals the fields the directory must not hold in the clear (DOMAIN.md section 5, ADR 26): the address and the
 * carers' addresses and contacts of a shielded child, and the details of a sensitive involvement. Declared
 * here and implemented by the safeguards module, which alone holds the keys: the directory can seal but never
 * open what it stores. What the safeguards module opens it audits.
 */
public interface FieldProtection {

    /**
     * Encrypts values for a row.
     *
     * @param context what the value is and whose, such as {@code child:42}; bound to the ciphertext, so it opens only there
     * @param plaintext what {@link SealedValues#encode} made of the row's values
     */
    String seal(String context, String plaintext);

    /**
     * Seals a row's values again with some of them changed, without handing them to the directory: what a change to a
     * sealed row (a leaver's entries passed on) needs. The values are those of {@link SealedValues#encode}, by position.
     *
     * @param set values to put, by position (a null value clears one)
     * @param setWhereNone values to put only where the sealed value is none
     */
    String reseal(String context, String sealed, java.util.Map<Integer, String> set, java.util.Map<Integer, String> setWhereNone);
}

package io.clientele.group;

/** {@code qualifier_method: none}: members are added and removed by AddCustomerToGroup / RemoveCustomerFromGroup. */
public record ManualOnly() implements Qualifier {
    @Override
    public QualifierMethod method() {
        return QualifierMethod.NONE;
    }
}

package io.clientele.group;

/**
 * The rule a group's members satisfy, parsed once from the request's {@code qualifier_method} and
 * {@code qualifiers}: only the branch the method selects is here, so an interpreter cannot evaluate an
 * ignored branch by mistake. The in-memory evaluator and the SQL compiler (to come) both take this tree.
 */
public sealed interface Qualifier permits ManualOnly, SpecificValues, CustomerGroupQualifier {
    QualifierMethod method();
}

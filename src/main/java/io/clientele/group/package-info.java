/**
 * Customer groups (seed 002): definitions with a typed qualifier tree, their validation, and manual membership.
 * The root package is the feature's API ({@link io.clientele.group.Groups}); {@code internal} is not.
 */
package io.clientele.group;

/**
 * The audit log: every change with before/after, actor, origin and time; append-only in the database
 * and hash-chained per tenant so tampering is detectable ({@code VerifyAuditLog}).
 */
package io.clientele.audit;

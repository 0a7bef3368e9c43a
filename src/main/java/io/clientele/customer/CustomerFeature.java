package io.clientele.customer;

import io.clientele.audit.AuditLog;
import io.clientele.customer.internal.CreateCustomerOperation;
import io.clientele.customer.internal.CreateCustomersOperation;
import io.clientele.customer.internal.CreateNoteOperation;
import io.clientele.customer.internal.CustomerRecordsMerge;
import io.clientele.customer.internal.CustomerSections;
import io.clientele.customer.internal.CustomerStore;
import io.clientele.customer.internal.MergeCustomersOperation;
import io.clientele.customer.internal.DuplicateStore;
import io.clientele.customer.internal.RemoveMatchBlocklistEntryOperation;
import io.clientele.customer.internal.GetMatchBlocklistOperation;
import io.clientele.customer.internal.AddMatchBlocklistEntryOperation;
import io.clientele.customer.internal.GetDuplicateCustomerReportOperation;
import io.clientele.customer.internal.FindDuplicateCustomersOperation;
import io.clientele.customer.internal.DeleteCustomerOperation;
import io.clientele.customer.internal.DeleteMetadataOperation;
import io.clientele.customer.internal.EditCustomerOperation;
import io.clientele.customer.internal.GetCustomerOperation;
import io.clientele.customer.internal.GetCustomerTimelineOperation;
import io.clientele.customer.internal.GetCustomersOperation;
import io.clientele.customer.internal.GetMetadataOperation;
import io.clientele.customer.internal.GetNotesOperation;
import io.clientele.customer.internal.InsertMetadataOperation;
import io.clientele.customer.internal.MetadataStore;
import io.clientele.customer.internal.NoteStore;
import io.clientele.customer.internal.RestoreCustomerOperation;
import io.clientele.customer.internal.SearchCustomersOperation;
import io.clientele.customer.internal.SearchStore;
import io.clientele.event.Events;
import io.clientele.operation.Operation;
import java.util.List;
import java.util.Optional;

/** Wires the customer feature: its stores, its service and its operations. */
public final class CustomerFeature {
    private final Customers customers;
    private final ItemTypes itemTypes;
    private final ProfileSections sections;
    private final CustomerStore store = new CustomerStore();
    private final MetadataStore metadata = new MetadataStore();
    private final NoteStore notes = new NoteStore();
    private final CustomerMatcher matcher = new CustomerMatcher(new DuplicateStore());
    private final Events events;
    private final AuditLog audit;

    public CustomerFeature(Events events, AuditLog audit, ItemTypes itemTypes, ProfileSections sections) {
        this.events = events;
        this.audit = audit;
        this.itemTypes = itemTypes;
        this.sections = sections;
        this.customers = new Customers(store, events, audit, matcher);
        itemTypes.register("customer", (tx, id) -> customers.exists(tx, id) ? Optional.of(id) : Optional.empty());
        CustomerSections.register(sections, metadata, notes);
        customers.onMerge(new CustomerRecordsMerge());
    }

    public Customers customers() {
        return customers;
    }

    private final java.util.concurrent.atomic.AtomicReference<GroupScope> groupScope = new java.util.concurrent.atomic.AtomicReference<>();

    /** Lets SearchCustomers narrow by group ({@code customer_group_id}); the group feature calls it when wired. */
    public void scopeSearchByGroups(GroupScope scope) {
        groupScope.set(scope);
    }

    /** The operations; call after every feature registered its item types and profile sections. */
    public List<Operation<?>> operations() {
        return List.of(
                new CreateCustomerOperation(customers, matcher),
                new CreateCustomersOperation(customers),
                new GetCustomerOperation(customers, sections),
                new EditCustomerOperation(customers),
                new GetCustomersOperation(store),
                new SearchCustomersOperation(new SearchStore(), groupScope::get),
                new FindDuplicateCustomersOperation(customers, matcher),
                new GetDuplicateCustomerReportOperation(matcher),
                new AddMatchBlocklistEntryOperation(matcher),
                new GetMatchBlocklistOperation(matcher),
                new RemoveMatchBlocklistEntryOperation(matcher),
                new MergeCustomersOperation(customers),
                new DeleteCustomerOperation(customers),
                new RestoreCustomerOperation(customers),
                new InsertMetadataOperation(itemTypes, metadata, events, audit),
                new GetMetadataOperation(itemTypes, metadata),
                new DeleteMetadataOperation(itemTypes, metadata, events, audit),
                new CreateNoteOperation(itemTypes, notes, events, audit),
                new GetNotesOperation(itemTypes, notes),
                new GetCustomerTimelineOperation(customers, events));
    }
}

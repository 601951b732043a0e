namespace ServiceDesk.Core.Domain;

/// <summary>Whether a ticket reports something broken or asks for something wanted.</summary>
public enum TicketType { Incident, ServiceRequest }

/// <summary>The lifecycle states of a ticket (product.md, "Statuses").</summary>
public enum TicketStatus { New, Assigned, InProgress, AwaitingCustomer, Resolved, Closed }

/// <summary>How widely a fault or need is felt.</summary>
public enum Impact { High, Medium, Low }

/// <summary>How soon it must be dealt with.</summary>
public enum Urgency { High, Medium, Low }

/// <summary>ITIL priority, P1 (most urgent) to P5.</summary>
public enum Priority { P1 = 1, P2 = 2, P3 = 3, P4 = 4, P5 = 5 }

/// <summary>How a ticket reached the desk.</summary>
public enum Channel { Portal, Email, Phone, Api }

/// <summary>Catalogue tier: included for all, chosen and paid for, or accommodated within standards.</summary>
public enum ServiceTier { Essential, Enhanced, Bespoke }

/// <summary>What a person may do; a person can hold several roles.</summary>
[Flags]
public enum PersonRoles
{
    None = 0,
    Requester = 1,
    Approver = 2,
    Agent = 4,
    ResolverGroupMember = 8,
    ProblemManager = 16,
    ServiceManager = 32,
}

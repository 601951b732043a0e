namespace ServiceDesk.Core.Domain;

/// <summary>The ITIL impact × urgency matrix of product.md.</summary>
public static class PriorityMatrix
{
    public static Priority For(Impact impact, Urgency urgency) => (impact, urgency) switch
    {
        (Impact.High, Urgency.High) => Priority.P1,
        (Impact.High, Urgency.Medium) or (Impact.Medium, Urgency.High) => Priority.P2,
        (Impact.High, Urgency.Low) or (Impact.Medium, Urgency.Medium) or (Impact.Low, Urgency.High) => Priority.P3,
        (Impact.Medium, Urgency.Low) or (Impact.Low, Urgency.Medium) => Priority.P4,
        _ => Priority.P5,
    };
}

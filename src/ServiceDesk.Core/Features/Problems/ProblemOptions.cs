using ServiceDesk.Core.Domain.Problems;

namespace ServiceDesk.Core.Features.Problems;

/// <summary>Problem management settings (ServiceDesk:Problems).</summary>
public sealed class ProblemOptions
{
    public const string Section = "ServiceDesk:Problems";

    /// <summary>How many incidents of one service and category make a candidate problem.</summary>
    public int CandidateIncidents { get; set; } = 5;

    /// <summary>Within how many days those incidents must fall.</summary>
    public int CandidateWindowDays { get; set; } = 7;

    /// <summary>How many incidents in the trend window make a requester a repeat caller.</summary>
    public int RepeatCallerIncidents { get; set; } = 3;

    public CandidateRule CandidateRule => new(CandidateIncidents, CandidateWindowDays);
}

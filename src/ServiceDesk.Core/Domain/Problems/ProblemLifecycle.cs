namespace ServiceDesk.Core.Domain.Problems;

/// <summary>The lifecycle states of a problem (product.md, "Problem").</summary>
public enum ProblemStatus { Logged, UnderInvestigation, KnownError, Resolved, Closed }

/// <summary>The allowed problem transitions, in one table.</summary>
public static class ProblemLifecycle
{
    private static readonly Dictionary<ProblemStatus, ProblemStatus[]> Allowed = new()
    {
        [ProblemStatus.Logged] = [ProblemStatus.UnderInvestigation, ProblemStatus.KnownError, ProblemStatus.Resolved],
        [ProblemStatus.UnderInvestigation] = [ProblemStatus.KnownError, ProblemStatus.Resolved],
        // A known error can be withdrawn (the workaround stops working) and investigated again.
        [ProblemStatus.KnownError] = [ProblemStatus.UnderInvestigation, ProblemStatus.Resolved],
        // A resolved problem that recurs goes back under investigation.
        [ProblemStatus.Resolved] = [ProblemStatus.UnderInvestigation, ProblemStatus.Closed],
        [ProblemStatus.Closed] = [],
    };

    public static bool CanMove(ProblemStatus from, ProblemStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<ProblemStatus> NextFrom(ProblemStatus from) => Allowed[from];

    /// <summary>Open problems still need work; incidents may be linked only to those.</summary>
    public static bool IsOpen(ProblemStatus status) => status is not (ProblemStatus.Resolved or ProblemStatus.Closed);

    public static string Describe(ProblemStatus status) => status switch
    {
        ProblemStatus.UnderInvestigation => "Under investigation",
        ProblemStatus.KnownError => "Known error",
        _ => status.ToString(),
    };

    /// <summary>Reads a status as written in the API or as described ("KnownError", "known error", "known-error").</summary>
    public static bool TryParse(string? value, out ProblemStatus status)
    {
        status = default;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var compact = value.Replace(" ", "").Replace("-", "").Replace("_", "");
        return compact.All(char.IsLetter) && Enum.TryParse(compact, true, out status) && Enum.IsDefined(status);
    }

    public static string Names => string.Join(", ", Enum.GetNames<ProblemStatus>());
}

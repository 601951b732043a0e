namespace ServiceDesk.Web;

/// <summary>Background work (ServiceDesk:Jobs): whether this node runs the Hangfire server, and schedules.</summary>
public sealed class JobsOptions
{
    public const string Section = "ServiceDesk:Jobs";

    /// <summary>Run the Hangfire server on this node (off in tests, which run jobs directly).</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>How often this node looks for delayed jobs (SLA timers) and recurring jobs that are due.</summary>
    public int SchedulePollSeconds { get; set; } = 15;

    /// <summary>
    /// Several nodes: when a job lock held by a node that stopped is freed (until then, the recurring
    /// jobs and sweeps it held wait). Longer than the longest job: a live node's lock is never taken.
    /// </summary>
    public int StaleLockSeconds { get; set; } = 600;

    /// <summary>How often resolved tickets past their reopen window are closed.</summary>
    public string AutoCloseCron { get; set; } = "*/5 * * * *";

    /// <summary>How often the sweep looks for warnings and breaches due but not recorded.</summary>
    public string SlaReconciliationCron { get; set; } = "*/15 * * * * *";

    /// <summary>How often the outbox is swept (mail is also sent as soon as a change writes it).</summary>
    public string OutboxCron { get; set; } = "* * * * *";

    /// <summary>When problem managers get their weekly digest (in <see cref="ProblemDigestTimeZone"/>): Monday 08:00.</summary>
    public string ProblemDigestCron { get; set; } = "0 8 * * 1";

    /// <summary>When finance contacts get the quarter's recharge statement (in <see cref="ProblemDigestTimeZone"/>): 07:00 on the first day of each quarter.</summary>
    public string RechargeStatementCron { get; set; } = "0 7 1 1,4,7,10 *";

    public string ProblemDigestTimeZone { get; set; } = "Europe/London";

    /// <summary>When owners of knowledge articles due for review are reminded (in <see cref="ProblemDigestTimeZone"/>): 07:30 every day.</summary>
    public string ArticleReviewCron { get; set; } = "30 7 * * *";

    /// <summary>
    /// When the monthly SLA reports are looked at (in <see cref="SlaReportTimeZone"/>): every day at 07:00;
    /// the job sends last month's reports on the first working day of the month, once.
    /// </summary>
    public string SlaReportCron { get; set; } = "0 7 * * *";

    public string SlaReportTimeZone { get; set; } = "Europe/London";

    /// <summary>When closed tickets past their council's retention period are anonymised (in <see cref="RetentionTimeZone"/>).</summary>
    public string RetentionCron { get; set; } = "30 2 * * *";

    public string RetentionTimeZone { get; set; } = "Europe/London";
}

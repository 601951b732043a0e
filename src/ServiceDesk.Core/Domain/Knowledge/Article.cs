using System.Globalization;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Domain.Knowledge;

/// <summary>Where an article is in its life: written, shown to its audience, withdrawn.</summary>
public enum ArticleStatus { Draft, Published, Retired }

/// <summary>Who may read a published article.</summary>
public enum ArticleAudience
{
    /// <summary>Everyone at every council of the partnership.</summary>
    AllCouncils,

    /// <summary>Only the people of the councils chosen (and the shared ICT team); to anyone else it does not exist.</summary>
    ChosenCouncils,

    /// <summary>Only desk staff (shared ICT and resolver-group members); requesters never see it.</summary>
    DeskStaff,
}

/// <summary>The words and settings of an article an author edits together.</summary>
public sealed record ArticleContent(
    string Title, string Body, string? Category, IReadOnlyList<string> Keywords, ArticleAudience Audience,
    IReadOnlyList<int> CouncilIds, IReadOnlyList<int> ServiceIds, DateOnly? ReviewOn);

/// <summary>Formats and reads knowledge article references (KB-000001).</summary>
public static class ArticleReference
{
    public const string Prefix = "KB-";

    public static string Format(long id) => Prefix + id.ToString("000000", CultureInfo.InvariantCulture);

    public static bool TryParse(string? reference, out long id)
    {
        id = 0;
        if (reference is null || !reference.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        return long.TryParse(reference.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}

/// <summary>
/// A knowledge article: self-help for council staff (or notes for the desk), by service, for all or
/// chosen councils. Every change goes through a method here, which keeps the lifecycle
/// (Draft → Published → Retired, and back to Published or Draft to revise), bumps the version and
/// appends a version record of who changed what.
/// </summary>
public sealed class Article
{
    public const int KeywordsMax = 500;
    public const int CategoryMax = 100;

    private Article() { }

    public long Id { get; private set; }
    public string Reference => ArticleReference.Format(Id);
    public string Title { get; private set; } = "";

    /// <summary>Markdown; rendered and sanitised wherever it is shown.</summary>
    public string Body { get; private set; } = "";
    public string? Category { get; private set; }

    /// <summary>Search words, comma separated.</summary>
    public string Keywords { get; private set; } = "";
    public ArticleAudience Audience { get; private set; }
    public ArticleStatus Status { get; private set; }

    /// <summary>The shared ICT person who keeps the article right, reminded when it is due for review.</summary>
    public int? OwnerId { get; private set; }
    public Person? Owner { get; private set; }

    /// <summary>The day the article is next due for review (London date).</summary>
    public DateOnly? ReviewOn { get; private set; }

    /// <summary>The review date the owner was last reminded of, so a reminder goes once per due date.</summary>
    public DateOnly? ReviewReminderSentFor { get; private set; }

    /// <summary>The problem whose known error this article publishes, if any.</summary>
    public long? ProblemId { get; private set; }

    /// <summary>The ticket whose resolution the article was drafted from, if any.</summary>
    public long? SourceTicketId { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public DateTime? RetiredAt { get; private set; }

    /// <summary>Incremented on every change; the optimistic concurrency token and the ETag.</summary>
    public int Version { get; private set; }

    public List<ArticleService> Services { get; private set; } = [];
    public List<ArticleCouncil> Councils { get; private set; } = [];
    public List<ArticleVersion> Versions { get; private set; } = [];

    public IReadOnlyList<string> KeywordList => SplitKeywords(Keywords);

    /// <summary>Drafts a new article; nobody but the shared ICT team sees it until it is published.</summary>
    public static Article Draft(ArticleContent content, Person? owner, Actor actor, DateTime now, long? problemId = null, long? sourceTicketId = null)
    {
        var article = new Article { Status = ArticleStatus.Draft, CreatedAt = now, UpdatedAt = now, ProblemId = problemId, SourceTicketId = sourceTicketId };
        article.Apply(content);
        if (owner is not null) article.SetOwner(owner);
        article.Version = 1;
        article.Record(actor, now, "Drafted");
        return article;
    }

    /// <summary>Changes the article's words and settings; records a version naming what changed, if anything did.</summary>
    public void Edit(ArticleContent content, Actor actor, DateTime now)
    {
        var changed = new List<string>();
        if (content.Title.Trim() != Title) changed.Add("title");
        if (content.Body.Trim() != Body) changed.Add("body");
        if (Clean(content.Category) != Category) changed.Add("category");
        if (JoinKeywords(content.Keywords) != Keywords) changed.Add("keywords");
        if (content.Audience != Audience || !SameSet(content.CouncilIds, Councils.Select(c => c.CouncilId))) changed.Add("audience");
        if (!SameSet(content.ServiceIds, Services.Select(s => s.ServiceId))) changed.Add("services");
        if (content.ReviewOn != ReviewOn) changed.Add("review date");
        if (changed.Count == 0) return;
        Apply(content);
        Changed(actor, now, "Changed: " + string.Join(", ", changed));
    }

    /// <summary>Makes a shared ICT person responsible for the article.</summary>
    public void AssignOwner(Person owner, Actor actor, DateTime now)
    {
        if (owner.Id == OwnerId) return;
        SetOwner(owner);
        Changed(actor, now, $"Owner: {owner.DisplayName}");
    }

    /// <summary>Shows the article to its audience. Without a review date it is due for review in a year.</summary>
    public void Publish(Actor actor, DateTime now, DateOnly today)
    {
        if (Status == ArticleStatus.Published) throw new ConflictException($"{Reference} is already published.");
        ReviewOn ??= today.AddYears(1);
        Status = ArticleStatus.Published;
        PublishedAt = now;
        RetiredAt = null;
        Changed(actor, now, "Published");
    }

    /// <summary>Withdraws the article from its audience; it stays on record for the desk.</summary>
    public void Retire(Actor actor, DateTime now)
    {
        if (Status == ArticleStatus.Retired) throw new ConflictException($"{Reference} is already retired.");
        Status = ArticleStatus.Retired;
        RetiredAt = now;
        Changed(actor, now, "Retired");
    }

    /// <summary>Takes a published or retired article back to a draft to revise it out of sight.</summary>
    public void ReturnToDraft(Actor actor, DateTime now)
    {
        if (Status == ArticleStatus.Draft) throw new ConflictException($"{Reference} is already a draft.");
        Status = ArticleStatus.Draft;
        Changed(actor, now, "Returned to draft");
    }

    /// <summary>The owner has checked the article is still right: it is next due on <paramref name="next"/>.</summary>
    public void MarkReviewed(DateOnly next, DateOnly today, Actor actor, DateTime now)
    {
        if (next <= today) throw new FieldException("nextReviewOn", "The next review date must be after today.");
        ReviewOn = next;
        Changed(actor, now, $"Reviewed; next review {next:d MMMM yyyy}");
    }

    /// <summary>True when the owner should be reminded today: published, due, and not reminded of this date yet.</summary>
    public bool ReviewReminderDue(DateOnly today) =>
        Status == ArticleStatus.Published && ReviewOn is DateOnly due && due <= today && ReviewReminderSentFor != due;

    public void RecordReviewReminder() => ReviewReminderSentFor = ReviewOn;

    /// <summary>Rejects a change made against an older version (the caller's If-Match).</summary>
    public void EnsureVersion(int? expected)
    {
        if (expected is int v && v != Version)
            throw new PreconditionFailedException($"{Reference} has changed since version {v} (it is now version {Version}); reload it and try again.");
    }

    public static IReadOnlyList<string> SplitKeywords(string? keywords) =>
        (keywords ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static string JoinKeywords(IEnumerable<string> keywords) =>
        string.Join(", ", keywords.SelectMany(k => SplitKeywords(k)).Distinct(StringComparer.OrdinalIgnoreCase));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool SameSet(IEnumerable<int> a, IEnumerable<int> b) => a.Distinct().Order().SequenceEqual(b.Distinct().Order());

    private void Apply(ArticleContent content)
    {
        if (content.Audience == ArticleAudience.ChosenCouncils && content.CouncilIds.Count == 0)
            throw new FieldException("councils", "Choose the councils that may read the article, or make it for all councils.");
        Title = content.Title.Trim();
        Body = content.Body.Trim();
        Category = Clean(content.Category);
        Keywords = JoinKeywords(content.Keywords);
        if (Keywords.Length > KeywordsMax) throw new FieldException("keywords", $"Keywords must be {KeywordsMax} characters or fewer in all.");
        Audience = content.Audience;
        var councils = content.Audience == ArticleAudience.ChosenCouncils ? content.CouncilIds.Distinct().ToList() : [];
        Councils.RemoveAll(c => !councils.Contains(c.CouncilId));
        foreach (var id in councils.Where(id => Councils.All(c => c.CouncilId != id))) Councils.Add(new ArticleCouncil(id));
        var services = content.ServiceIds.Distinct().ToList();
        Services.RemoveAll(s => !services.Contains(s.ServiceId));
        foreach (var id in services.Where(id => Services.All(s => s.ServiceId != id))) Services.Add(new ArticleService(id));
        ReviewOn = content.ReviewOn;
    }

    private void SetOwner(Person owner)
    {
        if (!owner.IsSharedIct)
            throw new FieldException("ownerEmail", $"{owner.DisplayName} is not in the shared ICT team; only the shared ICT team owns articles.");
        OwnerId = owner.Id;
        Owner = owner;
    }

    private void Changed(Actor actor, DateTime now, string change)
    {
        UpdatedAt = now;
        Version++;
        Record(actor, now, change);
    }

    private void Record(Actor actor, DateTime now, string change) =>
        Versions.Add(new ArticleVersion(Version, now, actor.PersonId, actor.Name, change, Title, Body, Category, Keywords, Audience, Status));
}

/// <summary>A catalogue service an article helps with (articles are browsed by service).</summary>
public sealed class ArticleService
{
    private ArticleService() { }
    internal ArticleService(int serviceId) => ServiceId = serviceId;

    public long ArticleId { get; private set; }
    public int ServiceId { get; private set; }
}

/// <summary>A council chosen to read an article meant for chosen councils.</summary>
public sealed class ArticleCouncil
{
    private ArticleCouncil() { }
    internal ArticleCouncil(int councilId) => CouncilId = councilId;

    public long ArticleId { get; private set; }
    public int CouncilId { get; private set; }
}

/// <summary>
/// One version of an article as it stood after a change: who changed what, when, and the words then.
/// Append-only: versions are never changed or removed.
/// </summary>
public sealed class ArticleVersion : IAppendOnly
{
    private ArticleVersion() { }

    internal ArticleVersion(int number, DateTime at, int? actorId, string actorName, string change,
        string title, string body, string? category, string keywords, ArticleAudience audience, ArticleStatus status)
    {
        Number = number;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Change = change;
        Title = title;
        Body = body;
        Category = category;
        Keywords = keywords;
        Audience = audience;
        Status = status;
    }

    public long Id { get; private set; }
    public long ArticleId { get; private set; }
    public int Number { get; private set; }
    public DateTime At { get; private set; }
    public int? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string Change { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string? Category { get; private set; }
    public string Keywords { get; private set; } = "";
    public ArticleAudience Audience { get; private set; }
    public ArticleStatus Status { get; private set; }

    public bool Redacting { get; private set; }

    /// <summary>The version's author is erased (UK GDPR): the only change a version ever takes.</summary>
    public void ForgetAuthor()
    {
        Redacting = true;
        ActorName = "Former member of staff";
    }
}

/// <summary>What a reader did with an article, counted per council for the monthly SLA report.</summary>
public enum ArticleActivityKind { Viewed, Helpful, NotHelpful, Deflected }

/// <summary>
/// One view, "Did this help?" answer or deflected contact (a requester who found the answer instead of
/// raising a ticket). The council is the reader's (their main one) at the time; null for shared ICT.
/// A person has one answer per article: answering again changes it.
/// </summary>
public sealed class ArticleActivity
{
    private ArticleActivity() { }

    public ArticleActivity(long articleId, ArticleActivityKind kind, int? personId, int? councilId, DateTime at, string? query = null)
    {
        ArticleId = articleId;
        Kind = kind;
        PersonId = personId;
        CouncilId = councilId;
        At = at;
        Query = query;
    }

    public long Id { get; private set; }
    public long ArticleId { get; private set; }
    public ArticleActivityKind Kind { get; private set; }
    public int? PersonId { get; private set; }
    public int? CouncilId { get; private set; }
    public DateTime At { get; private set; }

    /// <summary>For a deflected contact, what the requester had typed about their problem.</summary>
    public string? Query { get; private set; }

    public bool IsVote => Kind is ArticleActivityKind.Helpful or ArticleActivityKind.NotHelpful;

    public void ChangeVote(bool helpful, DateTime at)
    {
        if (!IsVote) throw new InvalidOperationException("Only an answer to \"Did this help?\" changes.");
        Kind = helpful ? ArticleActivityKind.Helpful : ArticleActivityKind.NotHelpful;
        At = at;
    }
}

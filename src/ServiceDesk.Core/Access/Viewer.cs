using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Knowledge;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Access;

/// <summary>
/// The signed-in person with what decides what they may see: their councils, roles and
/// resolver groups. Council sovereignty is enforced here, in one place, for every list,
/// count and lookup.
/// </summary>
public sealed record Viewer(Person Person, IReadOnlyList<int> CouncilIds, IReadOnlyList<int> GroupIds)
{
    public int PersonId => Person.Id;

    /// <summary>Shared ICT staff work across all councils.</summary>
    public bool SeesAllCouncils => Person.IsSharedIct;

    /// <summary>Desk staff may read and write internal notes and work tickets.</summary>
    public bool IsStaff => Person.IsSharedIct || Person.Has(PersonRoles.ResolverGroupMember) && GroupIds.Count > 0;

    public bool IsAgent => Person.IsSharedIct && Person.Has(PersonRoles.Agent);

    /// <summary>
    /// Who logs tickets for others (a phone call): agents for every council; members of a council's own
    /// resolver group for the people of their own councils.
    /// </summary>
    public bool LogsCalls => IsAgent || IsStaff && !SeesAllCouncils;

    /// <summary>Whether the viewer may log a ticket for someone else in this council (see <see cref="LogsCalls"/>).</summary>
    public bool CanLogFor(int councilId) => IsAgent || LogsCalls && CouncilIds.Contains(councilId);
    public bool IsServiceManager => Person.IsSharedIct && Person.Has(PersonRoles.ServiceManager);
    public bool IsApprover => Person.Has(PersonRoles.Approver);
    public bool IsProblemManager => Person.IsSharedIct && Person.Has(PersonRoles.ProblemManager);

    /// <summary>Approvers see all of their councils' tickets.</summary>
    public IReadOnlyList<int> CouncilsSeenWhole => Person.ApproverCouncilIds.ToList();

    public IQueryable<Ticket> Visible(IQueryable<Ticket> tickets)
    {
        if (SeesAllCouncils) return tickets;
        var me = PersonId;
        var whole = CouncilsSeenWhole.ToList();
        var groups = GroupIds.ToList();
        // The cheap tests on the ticket's own columns first: the participants' lookup runs only for the rest.
        return tickets.Where(t =>
            t.RequesterId == me
            || whole.Contains(t.CouncilId)
            || (t.ResolverGroupId != null && groups.Contains(t.ResolverGroupId.Value))
            || t.Participants.Any(p => p.PersonId == me));
    }

    /// <summary>
    /// The ids of the tickets <see cref="Visible(IQueryable{Ticket})"/> admits, gathered part by part so each
    /// part reads its own index (requester, participant, council, group) rather than every ticket: for
    /// finding the few tickets a requester sees among a million. The two must say the same.
    /// </summary>
    public IQueryable<long> VisibleIds(IQueryable<Ticket> tickets)
    {
        if (SeesAllCouncils) return tickets.Select(t => t.Id);
        var whole = CouncilsSeenWhole.ToList();
        var groups = GroupIds.ToList();
        var ids = OwnIds(tickets);
        if (whole.Count > 0) ids = ids.Union(tickets.Where(t => whole.Contains(t.CouncilId)).Select(t => t.Id));
        if (groups.Count > 0) ids = ids.Union(tickets.Where(t => t.ResolverGroupId != null && groups.Contains(t.ResolverGroupId.Value)).Select(t => t.Id));
        return ids;
    }

    /// <summary>
    /// The tickets the viewer sees as a person (raised or followed) rather than through a council or a group:
    /// with <see cref="CouncilsSeenWhole"/> and <see cref="GroupIds"/> (the ticket's own columns), what
    /// <see cref="Visible(IQueryable{Ticket})"/> admits.
    /// </summary>
    public IQueryable<long> OwnIds(IQueryable<Ticket> tickets)
    {
        var me = PersonId;
        return tickets.Where(t => t.RequesterId == me).Select(t => t.Id)
            .Union(tickets.SelectMany(t => t.Participants).Where(p => p.PersonId == me).Select(p => p.TicketId));
    }

    /// <summary>
    /// The replies and notes the viewer may read, on tickets they may see: internal notes only where they
    /// work the ticket (as <see cref="CanWork"/> says), exactly as the ticket's conversation shows them.
    /// </summary>
    public IQueryable<TicketComment> Visible(IQueryable<TicketComment> comments, IQueryable<Ticket> tickets)
    {
        if (SeesAllCouncils) return comments;
        var groups = GroupIds.ToList();
        return from c in comments
               join t in Visible(tickets) on c.TicketId equals t.Id
               where !c.IsInternal || (t.ResolverGroupId != null && groups.Contains(t.ResolverGroupId.Value))
               select c;
    }

    public bool CanSee(Ticket ticket) =>
        SeesAllCouncils
        || ticket.IsRequesterOrParticipant(PersonId)
        || CouncilsSeenWhole.Contains(ticket.CouncilId)
        || ticket.ResolverGroupId is int g && GroupIds.Contains(g);

    /// <summary>Working a ticket (status, assignment, internal notes): shared ICT staff, or members of its resolver group.</summary>
    public bool CanWork(Ticket ticket) =>
        Person.IsSharedIct || ticket.ResolverGroupId is int g && GroupIds.Contains(g);

    /// <summary>
    /// Knowledge articles the viewer may read. The shared ICT team sees every article in every state;
    /// anyone else sees published articles for all councils, those for chosen councils only when one of
    /// theirs is chosen, and desk-only articles only as desk staff. Anything else does not exist (404).
    /// </summary>
    public IQueryable<Article> Visible(IQueryable<Article> articles)
    {
        if (SeesAllCouncils) return articles;
        var councils = CouncilIds.ToList();
        var staff = IsStaff;
        return articles.Where(a => a.Status == ArticleStatus.Published
            && (a.Audience == ArticleAudience.AllCouncils
                || (a.Audience == ArticleAudience.ChosenCouncils && a.Councils.Any(c => councils.Contains(c.CouncilId)))
                || (a.Audience == ArticleAudience.DeskStaff && staff)));
    }

    public bool CanSeeCouncil(int councilId) => SeesAllCouncils || CouncilIds.Contains(councilId);

    /// <summary>
    /// Problems and trends are shared-ICT data with figures across every council: to anyone else
    /// they do not exist (404, never 403), like another council's ticket.
    /// </summary>
    public void RequireSharedIctData(string what)
    {
        if (!SeesAllCouncils) throw new NotFoundException(what);
    }

    /// <summary>Refuses anyone but shared ICT service managers, saying why.</summary>
    public void RequireServiceManager(string why)
    {
        if (!IsServiceManager) throw new ForbiddenException(why);
    }

    /// <summary>Refuses anyone but shared ICT staff, saying why.</summary>
    public void RequireSharedIct(string why)
    {
        if (!Person.IsSharedIct) throw new ForbiddenException(why);
    }
}

/// <summary>Loads the <see cref="Viewer"/> for the current request.</summary>
public sealed class ViewerLoader(IServiceDeskDb db, ICurrentActor actor)
{
    private Viewer? _viewer;

    public async Task<Viewer> LoadAsync(CancellationToken ct)
    {
        if (_viewer is not null) return _viewer;
        return _viewer = await LoadForAsync(actor.PersonId ?? throw new UnauthenticatedException(), ct);
    }

    /// <summary>The viewer for a given person (e.g. a live connection that outlives its request).</summary>
    public async Task<Viewer> LoadForAsync(int personId, CancellationToken ct)
    {
        var person = await db.People.Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new UnauthenticatedException();
        // A deactivated person's sign-in, however fresh, no longer counts.
        if (!person.IsActive) throw new UnauthenticatedException();
        var groups = await db.ResolverGroups
            .Where(g => g.Members.Any(m => m.PersonId == personId))
            .Select(g => g.Id).ToListAsync(ct);
        return new Viewer(person, person.CouncilIds.ToList(), groups);
    }

    /// <summary>Finds a ticket the viewer may see, or reports it as not found (never "forbidden").</summary>
    public async Task<(Viewer Viewer, Ticket Ticket)> LoadTicketAsync(string reference, CancellationToken ct)
    {
        var viewer = await LoadAsync(ct);
        if (!TicketReference.TryParse(reference, out var id)) throw new NotFoundException($"Ticket {reference}");
        var query = viewer.Visible(db.Tickets)
            .Include(t => t.Participants)
            .Include(t => t.Owner)
            .Include(t => t.Assignee)
            .Include(t => t.ResolverGroup)
            .Include(t => t.Requester)
            .Include(t => t.Clocks);
        var ticket = await query.FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new NotFoundException($"Ticket {reference}");
        return (viewer, ticket);
    }
}

/// <summary>No one is signed in, or the sign-in names no person of the desk.</summary>
public sealed class UnauthenticatedException() : ServiceDeskException("Sign in to use the desk.");

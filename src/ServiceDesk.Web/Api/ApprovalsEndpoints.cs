using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Approvals;

namespace ServiceDesk.Web.Api;

/// <summary>Approvals of priced requests: council approvers decide what their council pays for; service managers check bespoke work.</summary>
public static class ApprovalsEndpoints
{
    public sealed record ApproveRequest(string? Conditions);
    public sealed record RejectRequest(string? Reason);

    public static RouteGroupBuilder MapApprovalsEndpoints(this RouteGroupBuilder api)
    {
        var approvals = api.MapGroup("/approvals").WithTags("Approvals");
        approvals.MapGet("/", async Task<Ok<IReadOnlyList<ApprovalView>>> (string? status, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListApprovals(status), ct)))
            .WithSummary("Approval steps of your councils (service managers: all); status=pending lists what you may decide now.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        approvals.MapPost("/{id:int}/approve", async Task<Ok<ApprovalView>> (int id, ApproveRequest? body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new DecideApproval(id, Approve: true, Conditions: body?.Conditions), ct)))
            .WithSummary("Approve the step (a service manager's standards check may add conditions); the last approval starts the clocks.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        approvals.MapPost("/{id:int}/reject", async Task<Ok<ApprovalView>> (int id, RejectRequest? body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new DecideApproval(id, Approve: false, Reason: body?.Reason), ct)))
            .WithSummary("Reject the step with a reason; the request closes and the requester is told why.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}

using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceDesk.Core.Behaviours;

/// <summary>
/// A change that is simply added to whatever the ticket holds now (a reply, a note, an email), so
/// that meeting someone else's change at the same moment is no reason to refuse it.
/// </summary>
public interface IRetryOnConflict
{
    /// <summary>False when the caller asked for optimistic concurrency (If-Match): then a conflict is theirs to see.</summary>
    bool RetriesOnConflict { get; }
}

/// <summary>
/// Applies an <see cref="IRetryOnConflict"/> request again, in a fresh scope (everything reloaded),
/// when saving it met a concurrent change to the same ticket; after <see cref="Attempts"/> tries the
/// conflict is reported as before.
/// </summary>
public sealed class ConflictRetryBehaviour<TRequest, TResponse>(IServiceScopeFactory scopes) : IPipelineBehavior<TRequest, TResponse>
{
    public const int Attempts = 8;

    /// <summary>Set while a retry runs, so the request sent again is not retried within itself.</summary>
    private static readonly AsyncLocal<bool> Retrying = new();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IRetryOnConflict { RetriesOnConflict: true } || Retrying.Value) return await next();
        try
        {
            return await next();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else's change won; apply this one again to what is there now.
        }
        for (var attempt = 2; ; attempt++)
        {
            // A short, random pause, so that two writers that met do not meet again.
            await Task.Delay(Random.Shared.Next(1, 20 * attempt), cancellationToken);
            using var scope = scopes.CreateScope();
            Retrying.Value = true;
            try
            {
                return await scope.ServiceProvider.GetRequiredService<IMediator>().Send((IRequest<TResponse>)(object)request!, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
            }
            finally
            {
                Retrying.Value = false;
            }
        }
    }
}

namespace ServiceDesk.Core.Domain;

/// <summary>Base of the errors the application reports to its callers.</summary>
public abstract class ServiceDeskException(string message) : Exception(message);

/// <summary>The thing does not exist, or is not the caller's to see (never reveal which).</summary>
public sealed class NotFoundException(string what) : ServiceDeskException($"{what} was not found.");

/// <summary>The caller can see the thing but may not do this to it.</summary>
public sealed class ForbiddenException(string message) : ServiceDeskException(message);

/// <summary>The request is valid but the current state does not allow it (an illegal transition).</summary>
public sealed class ConflictException(string message) : ServiceDeskException(message);

/// <summary>The caller's If-Match names a version that is no longer current.</summary>
public sealed class PreconditionFailedException(string message) : ServiceDeskException(message);

/// <summary>A rule about one input field, raised where only the domain can decide it.</summary>
public sealed class FieldException(string field, string message) : ServiceDeskException(message)
{
    public string Field { get; } = field;
}

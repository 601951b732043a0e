namespace ServiceDesk.Infrastructure.Persistence;

/// <summary>Start-up cannot go on (the database cannot be reached, or is another node's): the message says why, for one log line.</summary>
public sealed class DeskCannotStartException(string message) : Exception(message);

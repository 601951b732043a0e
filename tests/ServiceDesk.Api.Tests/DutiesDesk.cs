namespace ServiceDesk.Api.Tests;

/// <summary>A desk of its own for the benchmark measures and data-protection tests: they add tickets and erase people.</summary>
public sealed class DutiesDesk : DeskFactory;

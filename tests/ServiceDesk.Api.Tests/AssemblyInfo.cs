// Each test host is a whole desk; Hangfire keeps some process-wide state (its log provider),
// so hosts are started one at a time rather than side by side.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

using Microsoft.AspNetCore.Hosting;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>A desk run as in production (environment "Production"), with optional further settings.</summary>
public sealed class ProductionDesk(params (string Key, string Value)[] settings) : DeskFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings => settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

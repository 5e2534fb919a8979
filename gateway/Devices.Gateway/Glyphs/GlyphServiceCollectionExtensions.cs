using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Devices.Gateway.Glyphs;

public static class GlyphServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayGlyphs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GlyphOptions>().Bind(configuration.GetSection(GlyphOptions.Section));
        services.AddSingleton<GlyphFiller>();
        return services;
    }
}

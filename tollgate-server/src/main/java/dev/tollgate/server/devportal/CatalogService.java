package dev.tollgate.server.devportal;

import java.util.List;
import java.util.Locale;

import dev.tollgate.server.api.Api;
import dev.tollgate.server.api.ApiService;
import dev.tollgate.server.system.ApiException;
import org.springframework.stereotype.Service;

/** What the developer portal shows: APIs in a state subscribers may see, optionally filtered by a search text. */
@Service
public class CatalogService {

    private final ApiService apis;

    CatalogService(ApiService apis) {
        this.apis = apis;
    }

    public List<Api> search(String query) {
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return apis.list().stream()
                .filter(api -> api.state().isVisibleInDevPortal())
                .filter(api -> needle.isEmpty()
                        || api.name().toLowerCase(Locale.ROOT).contains(needle)
                        || api.context().toLowerCase(Locale.ROOT).contains(needle)
                        || (api.description() != null && api.description().toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
    }

    public Api get(String apiId) {
        return apis.find(apiId).filter(api -> api.state().isVisibleInDevPortal())
                .orElseThrow(() -> ApiException.notFound("No published API with id " + apiId));
    }
}

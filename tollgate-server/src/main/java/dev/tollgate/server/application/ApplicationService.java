package dev.tollgate.server.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.tollgate.server.keymanager.KeyManagerService;
import dev.tollgate.server.keymanager.KeyMapping;
import dev.tollgate.server.policy.PolicyLevel;
import dev.tollgate.server.policy.PolicyService;
import dev.tollgate.server.runtime.StateChanged;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.user.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Owns developer applications: each user sees and changes only their own; deleting one revokes its tokens. */
@Service
public class ApplicationService {

    public static final String DEFAULT_POLICY = "Unlimited";
    private static final int MAX_NAME = 70;

    /** What a developer submits for an application, before validation. */
    public record Draft(String name, String throttlingPolicy, String description, String tokenType) {
    }

    private final ApplicationRepository applications;
    private final PolicyService policies;
    private final KeyManagerService keyManager;
    private final ApplicationEventPublisher events;

    ApplicationService(ApplicationRepository applications, PolicyService policies, KeyManagerService keyManager,
            ApplicationEventPublisher events) {
        this.applications = applications;
        this.policies = policies;
        this.keyManager = keyManager;
        this.events = events;
    }

    public List<Application> listOwn(Actor actor) {
        actor.require("use applications", Role.SUBSCRIBER);
        return applications.findByOwner(actor.username());
    }

    public List<Application> all() {
        return applications.findAll();
    }

    /** The actor's application; another user's is reported as missing, so ids of others leak nothing. */
    public Application getOwn(String id, Actor actor) {
        actor.require("use applications", Role.SUBSCRIBER);
        return applications.findById(id)
                .filter(app -> app.owner().equals(actor.username()))
                .orElseThrow(() -> ApiException.notFound("No application with id " + id));
    }

    /** The keys {@code keyMappingId} of the actor's application; another's are reported as missing. */
    public KeyMapping ownKeys(String applicationId, String keyMappingId, Actor actor) {
        Application app = getOwn(applicationId, actor);
        return keyManager.keysOf(app.id()).stream()
                .filter(mapping -> mapping.keyMappingId().equals(keyMappingId))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("No keys with id " + keyMappingId + " in application "
                        + app.name()));
    }

    /** Generates keys of one type for the actor's application; its tokens have the application's token type. */
    @Transactional
    public KeyManagerService.GeneratedKeys generateKeys(String applicationId, String keyType, List<String> grantTypes,
            Duration validity, Actor actor) {
        Application app = getOwn(applicationId, actor);
        return keyManager.generateKeys(app.id(), app.name(), app.tokenType(), keyType, grantTypes, validity);
    }

    @Transactional
    public Application create(Draft draft, Actor actor) {
        actor.require("create applications", Role.SUBSCRIBER);
        Instant now = Instant.now();
        Application app = validated(UUID.randomUUID().toString(), draft, actor.username(), now, now);
        applications.insert(app);
        events.publishEvent(new StateChanged("application " + app.id() + " created"));
        return app;
    }

    @Transactional
    public Application update(String id, Draft draft, Actor actor) {
        Application current = getOwn(id, actor);
        Application app = validated(id, draft, current.owner(), current.createdAt(), Instant.now());
        if (!app.tokenType().equals(current.tokenType()) && !keyManager.keysOf(id).isEmpty()) {
            throw ApiException.conflict("tokenType: the keys of " + current.name() + " issue " + current.tokenType()
                    + " tokens; delete the keys before changing the token type");
        }
        applications.update(app);
        events.publishEvent(new StateChanged("application " + id + " updated"));
        return app;
    }

    /** Deletes the application with its subscriptions and keys; every token issued to it stops working. */
    @Transactional
    public void delete(String id, Actor actor) {
        Application app = getOwn(id, actor);
        for (KeyMapping mapping : keyManager.keysOf(app.id())) {
            keyManager.deleteKeys(mapping);
        }
        applications.delete(app.id());
        events.publishEvent(new StateChanged("application " + id + " deleted"));
    }

    private Application validated(String id, Draft draft, String owner, Instant created, Instant updated) {
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("name: \"" + name + "\" (expected: 1 to " + MAX_NAME
                    + " characters, no control characters)");
        }
        if (applications.nameTaken(owner, name, id)) {
            throw ApiException.conflict("You already have an application named " + name);
        }
        String policy = draft.throttlingPolicy() == null || draft.throttlingPolicy().isBlank()
                ? DEFAULT_POLICY : draft.throttlingPolicy().strip();
        policies.requireExisting(PolicyLevel.APPLICATION, "throttlingPolicy", List.of(policy));
        String tokenType = draft.tokenType() == null || draft.tokenType().isBlank()
                ? "JWT" : draft.tokenType().strip().toUpperCase(java.util.Locale.ROOT);
        if (!tokenType.equals("JWT") && !tokenType.equals(KeyManagerService.OPAQUE)) {
            throw ApiException.badRequest("tokenType: \"" + draft.tokenType()
                    + "\" (expected: JWT, or OAUTH for opaque tokens validated by introspection)");
        }
        String description = draft.description() == null ? null : draft.description().strip();
        if (description != null && description.length() > 2000) {
            throw ApiException.badRequest("description: (expected: at most 2000 characters)");
        }
        return new Application(id, name, owner, policy, description, tokenType, created, updated);
    }
}

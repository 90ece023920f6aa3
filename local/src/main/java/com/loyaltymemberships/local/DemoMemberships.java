package com.loyaltymemberships.local;

import static com.loyaltymemberships.local.DemoTokens.CHAIN_A;

import com.fasterxml.jackson.core.JsonFactory;
import com.loyaltymemberships.contract.ActivityState;
import com.loyaltymemberships.contract.MembershipState;
import com.loyaltymemberships.dynamodb.DynamoDbTables;
import com.loyaltymemberships.dynamodb.Fanout;
import com.loyaltymemberships.dynamodb.MembershipRepository;
import com.loyaltymemberships.dynamodb.WriteRecovery;
import com.loyaltymemberships.logging.JsonLog;
import com.loyaltymemberships.membership.ChangeSet;
import com.loyaltymemberships.membership.Membership;
import com.loyaltymemberships.membership.Profile;
import com.loyaltymemberships.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The memberships that the documented update and delete examples (events/update.json, events/delete.json) name,
 * seeded so that those examples succeed as written: two new, non-primary memberships of the example account in
 * chain A.
 */
public final class DemoMemberships {

    public static final UUID EXAMPLE_ID = UUID.fromString("905a4489-0960-4ac9-96ec-793f47365c92");
    public static final UUID OTHER_EXAMPLE_ID = UUID.fromString("ac48674e-58a2-43d6-a02b-9ead0b213b17");
    private static final UUID ACCOUNT_ID = UUID.fromString("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");
    private static final UUID PROGRAM_ID = UUID.fromString("f701dafb-5765-4cf4-b1dd-1f602a740ae5");

    private DemoMemberships() {}

    /** Stores each of the two unless it is there, in whatever state earlier examples left it. */
    public static void seed(DynamoDbClient dynamoDb, String tableName) {
        MembershipRepository repository = repository(dynamoDb, tableName);
        Instant now = Instant.now();
        for (UUID id : List.of(EXAMPLE_ID, OTHER_EXAMPLE_ID)) {
            if (repository.get(id).isEmpty()) {
                create(
                        repository,
                        new Membership(
                                id,
                                CHAIN_A,
                                ACCOUNT_ID,
                                PROGRAM_ID,
                                MembershipState.NEW,
                                false,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Profile.INTEGRATION,
                                Profile.INTEGRATION,
                                now,
                                now,
                                ActivityState.ACTIVE,
                                1,
                                Optional.empty()));
            }
        }
    }

    /**
     * Stores a membership that is not there yet exactly as given (its Id and times too, which add would choose), for
     * examples and tests that need a membership of a given Id or time.
     */
    public static void store(DynamoDbClient dynamoDb, String tableName, Membership membership) {
        create(repository(dynamoDb, tableName), membership);
    }

    private static MembershipRepository repository(DynamoDbClient dynamoDb, String tableName) {
        // Its log goes to stderr: `invoke` keeps stdout for the function's answer.
        JsonLog log = new JsonLog(new JsonFactory(), System.err, Clock.systemUTC());
        DynamoDbTables tables = new DynamoDbTables(dynamoDb, tableName);
        return new MembershipRepository(tables, new Fanout(1), new WriteRecovery(tables, Clock.systemUTC(), log), log);
    }

    private static void create(MembershipRepository repository, Membership membership) {
        repository.commit(
                new ChangeSet(List.of(new ChangeSet.Group(
                        List.of(new ChangeSet.MembershipWrite(Optional.empty(), membership)), List.of()))),
                Deadline.after(Clock.systemUTC(), Duration.ofSeconds(10)));
    }
}

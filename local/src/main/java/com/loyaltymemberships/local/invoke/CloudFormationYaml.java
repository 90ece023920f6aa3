package com.loyaltymemberships.local.invoke;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A CloudFormation template in YAML as CloudFormation reads it: a short-form tag is its long form ({@code !Ref Table} is
 * {@code {"Ref": "Table"}}, {@code !GetAtt Table.Arn} is {@code {"Fn::GetAtt": "Table.Arn"}}, {@code !If [...]} is
 * {@code {"Fn::If": [...]}}), where a plain YAML reader drops the tag and keeps its argument. Scalars are text, as
 * written. {@link SamTemplate} reads the template with it, and so does the test that checks the template.
 */
public final class CloudFormationYaml {

    private CloudFormationYaml() {}

    public static JsonNode read(Path file) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            parser.nextToken();
            return node(parser);
        }
    }

    /** The node at the parser's current token, a tagged one as CloudFormation's long form of that tag. */
    private static JsonNode node(YAMLParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        // Read before the node's content: the tag belongs to the token that starts the node.
        String tag = parser.getTypeId();
        JsonNode node = switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, node(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser));
                }
                yield array;
            }
            case VALUE_NULL -> nodes.nullNode();
            // A scalar as written (200 stays "200"): the environment takes strings, asInt() reads numbers.
            default -> nodes.textNode(parser.getText());
        };
        if (tag == null) {
            return node;
        }
        // !Ref and !Condition keep their name; every other tag is a function, Fn::<name>.
        String function = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
        return nodes.objectNode().set(function, node);
    }
}

package com.loyaltymemberships.acceptance;

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
 * {@code {"Fn::If": [...]}}), where a plain YAML reader drops the tag and keeps its argument, so that what refers to
 * what can be checked. Scalars are text, as written. (The same reading as {@code local}'s SamTemplate, for tests.)
 */
final class CloudFormationYaml {

    private CloudFormationYaml() {}

    static JsonNode read(Path file) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            parser.nextToken();
            return node(parser);
        }
    }

    private static JsonNode node(YAMLParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String tag = parser.getTypeId(); // the tag belongs to the token that starts the node
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
            default -> nodes.textNode(parser.getText());
        };
        if (tag == null) {
            return node;
        }
        String function = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
        return nodes.objectNode().set(function, node);
    }
}

package com.kustomergateway.adapters.graphql;

import graphql.parser.Parser;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentCostTest {

    static DocumentCost cost(String document) {
        return DocumentCost.of(Parser.parse(document));
    }

    @Test
    void countsDepthFieldsAndAliasesOfAPlainQuery() {
        DocumentCost cost = cost("""
                query { operation(id: "1") { status latest: attempts { number requests { method path } } } }""");

        assertThat(cost).isEqualTo(new DocumentCost(4, 7, 1));
    }

    @Test
    void expandsAFragmentWhereverItIsSpread() {
        DocumentCost cost = cost("""
                query { a: operation(id: "1") { ...Op } b: operation(id: "2") { ...Op } }
                fragment Op on Operation { status attempts { number } }""");

        assertThat(cost.fields()).isEqualTo(2 + 2 * 3);
        assertThat(cost.depth()).isEqualTo(3);
        assertThat(cost.aliases()).isEqualTo(2);
    }

    @Test
    void inlineFragmentsAddTheirFieldsButNoDepth() {
        assertThat(cost("query { operation(id: \"1\") { ... on Operation { status kind } } }"))
                .isEqualTo(new DocumentCost(2, 3, 0));
    }

    @Test
    void measuresTheMostExpensiveOperationOfTheDocument() {
        DocumentCost cost = cost("""
                query Small { deliveryStatus { state } }
                query Wide { a: deliveryStatus { state } b: deliveryStatus { state } c: deliveryStatus { state } }
                query Deep { operation(id: "1") { attempts { requests { method } } } }""");

        assertThat(cost).isEqualTo(new DocumentCost(4, 6, 3));
    }

    @Test
    void anIntrospectionFieldCountsAsOneWhateverItSelects() {
        assertThat(cost("{ __schema { types { name fields { name type { name ofType { name } } } } } }"))
                .isEqualTo(new DocumentCost(1, 1, 0));
    }

    @Test
    void fragmentsThatMultiplyEachOtherStopAtTheCapInsteadOfBeingExpanded() {
        StringBuilder document = new StringBuilder("query { ...F0 }\nfragment F0 on Query { ...F1 ...F1 }\n");
        for (int i = 1; i < 200; i++) {
            document.append("fragment F").append(i).append(" on Query { ...F").append(i + 1).append(" ...F")
                    .append(i + 1).append(" }\n");
        }
        document.append("fragment F200 on Query { deliveryStatus { state } }\n");

        DocumentCost cost = cost(document.toString());

        assertThat(cost.fields()).isEqualTo(DocumentCost.CAP);
        assertThat(cost.depth()).isEqualTo(2);
    }

    @Test
    void aFragmentSpreadingItselfIsRefused() {
        assertThatThrownBy(() -> cost("""
                query { ...A }
                fragment A on Query { deliveryStatus { state } ...B }
                fragment B on Query { ...A }"""))
                .isInstanceOf(DocumentCost.FragmentCycle.class)
                .hasMessageContaining("spreads itself");
    }

    @Test
    void aMissingFragmentCostsNothingAndIsLeftToTheSchemasValidation() {
        assertThat(cost("query { deliveryStatus { state } ...Missing }")).isEqualTo(new DocumentCost(2, 2, 0));
    }
}

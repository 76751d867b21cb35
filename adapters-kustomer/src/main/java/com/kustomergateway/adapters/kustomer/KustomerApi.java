package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.adapters.kustomer.KustomerRoute.Paths;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The Kustomer calls the gateway makes. Bodies go in as JSON text, already written, so that the exchange record
 * holds exactly the bytes sent; answers come back as {@link Response} whatever their status (the client's
 * default exception mapper is disabled in {@code META-INF/microprofile-config.properties}), because every status
 * means something to the delivery. Each path is one of {@link KustomerRoute}'s templates, which the exchange records
 * fill in too.
 */
@RegisterRestClient(configKey = "kustomer")
@Path(Paths.VERSION)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface KustomerApi {

    @POST
    @Path(Paths.NOTES)
    Response addNote(@HeaderParam("Authorization") String authorization, @PathParam("id") String conversationId,
            String body);

    @POST
    @Path(Paths.KLASSES)
    Response createKlass(@HeaderParam("Authorization") String authorization, String body);

    /** A page of the org's Klasses, to find one an earlier try created. */
    @GET
    @Path(Paths.KLASSES)
    Response klasses(@HeaderParam("Authorization") String authorization, @QueryParam(Paths.PAGE) int page,
            @QueryParam(Paths.PAGE_SIZE) int pageSize);

    @POST
    @Path(Paths.KLASS)
    Response createObject(@HeaderParam("Authorization") String authorization, @PathParam("name") String klass,
            String body);

    /** Up to 100 objects; answers with a bulk job to poll, not with the objects. */
    @POST
    @Path(Paths.KLASS_BULK)
    Response createObjectsInBulk(@HeaderParam("Authorization") String authorization, @PathParam("name") String klass,
            String body);

    @GET
    @Path(Paths.BULK_JOB)
    Response bulkJob(@HeaderParam("Authorization") String authorization, @PathParam("id") String jobId);

    @GET
    @Path(Paths.BULK_BATCHES)
    Response bulkBatches(@HeaderParam("Authorization") String authorization, @PathParam("id") String jobId);

    /** 404 when the Klass holds no object with that external id. */
    @GET
    @Path(Paths.OBJECT_BY_EXTERNAL_ID)
    Response objectByExternalId(@HeaderParam("Authorization") String authorization, @PathParam("name") String klass,
            @PathParam("externalId") String externalId);

    /** The custom attributes a resource ({@code customer}, {@code kobject.<klass>}) has metadata for. */
    @GET
    @Path(Paths.METADATA)
    Response attributeMetadata(@HeaderParam("Authorization") String authorization,
            @PathParam("resource") String resource);

    /** Declares custom attributes of a resource, e.g. {@code kobject.<klass>}; attributes not named are kept. */
    @PUT
    @Path(Paths.METADATA)
    Response declareAttributes(@HeaderParam("Authorization") String authorization,
            @PathParam("resource") String resource, String body);

    @PATCH
    @Path(Paths.CUSTOMER)
    Response updateCustomer(@HeaderParam("Authorization") String authorization, @PathParam("id") String customerId,
            String body);
}

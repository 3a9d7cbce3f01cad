"""What tocsin knows, read from the data files under `tocsin/data/`: actor, agent and verb
dictionaries, the CAMEO event table, and the offline gazetteer. Facts live in the files; this
package only reads and checks them (file:line errors) and indexes nothing it does not own."""

// mg_dot: the chunked dot product of docs/spec/operations.md section 4 (`dot`), one (w, a)
// pair per cycle.  A vector's chunks of Chunk pairs are each accumulated
// with the MAC step (mg_fmac) from +0 in index order; each chunk sum is then
// added, in chunk order, into a total in format acc2 (mg_fadd) that starts
// from +0.
//
// Protocol (all registers reset by rst_ni, asynchronous, active low):
//   valid_i  a pair (w_i, a_i) is presented this cycle; last_i marks the
//            vector's final pair.  Vectors follow each other back to back.
//   valid_o  pulses for one cycle, one cycle after the cycle that took the
//            last pair; res_o, flags_o, counts_o then hold that vector's
//            result until the next pulse (0 after reset).
// Two stages: the MAC stage accumulates the chunk; when a chunk ends (Chunk
// pairs, or last_i; Chunk = 0: only last_i) its sum moves to a pending register, and the add stage
// adds it into the total in the next cycle, while the MAC stage goes on with
// the next chunk.  flags_o ORs the flags of every rounding of the vector;
// counts_o = {swamping, underflow, overflow}, each CountBits wide and
// saturating, counts the events of every MAC step and of every chunk-sum
// addition (overflow, underflow and swamping, as the model counts them).
// Stochastic rounding: rand_i is the MAC step's word, rand2_i the word of the
// chunk-sum addition that happens in this cycle.
`default_nettype none

module mg_dot #(
  parameter integer ExpBitsW = 3, FracBitsW = 4, BiasW = 3, SpecialsW = 2, SubW = 0,
  parameter integer ExpBitsA = 3, FracBitsA = 4, BiasA = 3, SpecialsA = 2, SubA = 0,
  parameter integer ExpBitsP = 4, FracBitsP = 7, BiasP = 7, SpecialsP = 2, SubP = 0,
  parameter integer ExpBitsC = 4, FracBitsC = 7, BiasC = 7, SpecialsC = 2, SubC = 0,
  parameter integer ExpBits2 = 4, FracBits2 = 7, Bias2 = 7, Specials2 = 2, Sub2 = 0,
  parameter integer Fused     = 0,
  parameter integer Mode      = 0,  // 0 rtz, 1 rne, 2 sr
  parameter integer RBits     = 1,
  parameter integer OvfSat    = 0,
  parameter integer NormP     = 0,
  parameter integer NormC     = 0,
  parameter integer NormTotal = 0,  // chunk-sum add: normalise a subnormal total
  parameter integer NormChunk = 0,  // chunk-sum add: normalise a subnormal chunk sum
  parameter integer Chunk     = 16,
  parameter integer CountBits = 16,
  parameter integer ExpWidth  = 12
) (
  input  wire                        clk_i,
  input  wire                        rst_ni,
  input  wire                        valid_i,
  input  wire                        last_i,
  input  wire [ExpBitsW+FracBitsW:0] w_i,
  input  wire [ExpBitsA+FracBitsA:0] a_i,
  input  wire [RBits-1:0]            rand_i,
  input  wire [RBits-1:0]            rand2_i,
  output wire                        valid_o,
  output wire [ExpBits2+FracBits2:0] res_o,
  output wire [4:0]                  flags_o,
  output wire [3*CountBits-1:0]      counts_o
);
  localparam integer AccW   = ExpBitsC + FracBitsC + 1;
  localparam integer TotW   = ExpBits2 + FracBits2 + 1;
  localparam integer CntW   = 3 * CountBits;
  localparam integer PosW   = (Chunk > 1) ? $clog2(Chunk) : 1;
  localparam [31:0]  LastPos = Chunk - 1;

  // Adds 0/1 events {swamping, underflow, overflow} (or three counters) to
  // three saturating counters.
  function automatic [CntW-1:0] count_add;
    input [CntW-1:0] x;
    input [CntW-1:0] y;
    integer e;
    reg [CountBits:0] s;
    begin
      for (e = 0; e < 3; e = e + 1) begin
        s = {1'b0, x[e*CountBits +: CountBits]} + {1'b0, y[e*CountBits +: CountBits]};
        count_add[e*CountBits +: CountBits] = s[CountBits] ? {CountBits{1'b1}} : s[CountBits-1:0];
      end
    end
  endfunction

  function automatic [CntW-1:0] spread;  // one event bit per counter
    input [2:0] ev;
    integer e;
    begin
      spread = {CntW{1'b0}};
      for (e = 0; e < 3; e = e + 1) spread[e*CountBits] = ev[e];
    end
  endfunction

  // ---- MAC stage.
  reg  [AccW-1:0] chunk_q;     // running chunk sum
  reg  [PosW-1:0] pos_q;       // pairs already in the chunk
  reg             first_q;     // the next chunk is its vector's first
  reg  [4:0]      mflags_q;    // flags of the vector's MAC steps so far
  reg  [CntW-1:0] mcount_q;    // their events
  wire [AccW-1:0] mac_acc = (pos_q == {PosW{1'b0}}) ? {AccW{1'b0}} : chunk_q;

  wire [AccW-1:0] mac_res;
  wire [4:0]      mac_flags;
  wire [2:0]      mac_events;
  mg_fmac #(
    .ExpBitsW (ExpBitsW), .FracBitsW (FracBitsW), .BiasW (BiasW), .SpecialsW (SpecialsW), .SubW (SubW),
    .ExpBitsA (ExpBitsA), .FracBitsA (FracBitsA), .BiasA (BiasA), .SpecialsA (SpecialsA), .SubA (SubA),
    .ExpBitsP (ExpBitsP), .FracBitsP (FracBitsP), .BiasP (BiasP), .SpecialsP (SpecialsP), .SubP (SubP),
    .ExpBitsC (ExpBitsC), .FracBitsC (FracBitsC), .BiasC (BiasC), .SpecialsC (SpecialsC), .SubC (SubC),
    .Fused (Fused), .Mode (Mode), .RBits (RBits), .OvfSat (OvfSat), .NormP (NormP), .NormC (NormC),
    .Pipe (0), .ExpWidth (ExpWidth)
  ) u_mac (
    .clk_i (clk_i), .w_i (w_i), .a_i (a_i), .acc_i (mac_acc), .rand_i (rand_i),
    .res_o (mac_res), .flags_o (mac_flags), .events_o (mac_events)
  );

  // Chunk = 0: no chunking, the vector is one chunk.
  wire            chunk_end = last_i | ((Chunk != 0) & (pos_q == LastPos[PosW-1:0]));
  wire [PosW-1:0] pos_next  = (Chunk == 0) ? {{(PosW-1){1'b0}}, 1'b1} : pos_q + {{(PosW-1){1'b0}}, 1'b1};
  wire [4:0]      mflags_n  = mflags_q | mac_flags;
  wire [CntW-1:0] mcount_n  = count_add(mcount_q, spread(mac_events));

  // ---- Pending chunk sum (the add stage's input).
  reg             pend_valid_q, pend_first_q, pend_last_q;
  reg  [AccW-1:0] pend_q;
  reg  [4:0]      pend_flags_q;   // the vector's MAC flags (with pend_last_q)
  reg  [CntW-1:0] pend_count_q;   // the vector's MAC events (with pend_last_q)

  // ---- Add stage: total = Q_acc2(total + chunk sum).
  reg  [TotW-1:0] total_q;
  reg  [4:0]      aflags_q;       // flags of the vector's chunk additions so far
  reg  [CntW-1:0] acount_q;
  wire [TotW-1:0] total_in  = pend_first_q ? {TotW{1'b0}} : total_q;
  wire [4:0]      aflags_in = pend_first_q ? 5'b00000 : aflags_q;
  wire [CntW-1:0] acount_in = pend_first_q ? {CntW{1'b0}} : acount_q;

  wire [TotW-1:0] sum_res;
  wire [4:0]      sum_flags;
  mg_fadd #(
    .ExpBitsA (ExpBits2), .FracBitsA (FracBits2), .BiasA (Bias2), .SpecialsA (Specials2), .SubA (Sub2),
    .ExpBitsB (ExpBitsC), .FracBitsB (FracBitsC), .BiasB (BiasC), .SpecialsB (SpecialsC), .SubB (SubC),
    .ExpBitsO (ExpBits2), .FracBitsO (FracBits2), .BiasO (Bias2), .SpecialsO (Specials2), .SubO (Sub2),
    .Mode (Mode), .RBits (RBits), .OvfSat (OvfSat), .NormA (NormTotal), .NormB (NormChunk),
    .ExpWidth (ExpWidth)
  ) u_add (
    .a_i (total_in), .b_i (pend_q), .rand_i (rand2_i), .res_o (sum_res), .flags_o (sum_flags)
  );

  // Events of the chunk-sum addition: the addend is the chunk sum.
  wire                pc_sign, pc_zero, pc_inf, pc_nan, pc_snan;
  wire [ExpWidth-1:0] pc_exp;
  wire [FracBitsC:0]  pc_sig;
  mg_unpack #(
    .ExpBits (ExpBitsC), .FracBits (FracBitsC), .Bias (BiasC), .Specials (SpecialsC),
    .Subnormals (SubC), .ExpWidth (ExpWidth)
  ) u_unpack_chunk (
    .x_i (pend_q), .sign_o (pc_sign), .exp_o (pc_exp), .sig_o (pc_sig),
    .zero_o (pc_zero), .inf_o (pc_inf), .nan_o (pc_nan), .snan_o (pc_snan)
  );
  wire [2:0] sum_events;
  mg_events #(
    .ExpBits (ExpBits2), .FracBits (FracBits2), .Bias (Bias2), .Specials (Specials2),
    .Subnormals (Sub2), .ExpWidth (ExpWidth)
  ) u_events (
    .acc_i (total_in), .res_i (sum_res), .flags_i (sum_flags), .acc_flags_i (sum_flags),
    .addend_live_i (~pc_zero & ~pc_inf & ~pc_nan), .prod_lost_i (1'b0), .events_o (sum_events)
  );
  wire [2:0] add_events = sum_events;
  wire unused_ok = &{1'b0, pc_sign, pc_exp, pc_sig, pc_snan, 1'b0};

  wire [4:0]      aflags_n = aflags_in | sum_flags;
  wire [CntW-1:0] acount_n = count_add(acount_in, spread(add_events));

  // ---- Outputs.
  reg             valid_q;
  reg  [TotW-1:0] res_q;
  reg  [4:0]      flags_q;
  reg  [CntW-1:0] counts_q;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      chunk_q      <= {AccW{1'b0}};
      pos_q        <= {PosW{1'b0}};
      first_q      <= 1'b1;
      mflags_q     <= 5'b00000;
      mcount_q     <= {CntW{1'b0}};
      pend_valid_q <= 1'b0;
      pend_first_q <= 1'b0;
      pend_last_q  <= 1'b0;
      pend_q       <= {AccW{1'b0}};
      pend_flags_q <= 5'b00000;
      pend_count_q <= {CntW{1'b0}};
      total_q      <= {TotW{1'b0}};
      aflags_q     <= 5'b00000;
      acount_q     <= {CntW{1'b0}};
      valid_q      <= 1'b0;
      res_q        <= {TotW{1'b0}};
      flags_q      <= 5'b00000;
      counts_q     <= {CntW{1'b0}};
    end else begin
      // MAC stage.
      pend_valid_q <= valid_i & chunk_end;
      if (valid_i) begin
        chunk_q <= mac_res;
        if (chunk_end) begin
          pos_q        <= {PosW{1'b0}};
          first_q      <= last_i;
          pend_q       <= mac_res;
          pend_first_q <= first_q;
          pend_last_q  <= last_i;
        end else begin
          pos_q <= pos_next;
        end
        if (last_i) begin
          pend_flags_q <= mflags_n;
          pend_count_q <= mcount_n;
          mflags_q     <= 5'b00000;
          mcount_q     <= {CntW{1'b0}};
        end else begin
          mflags_q <= mflags_n;
          mcount_q <= mcount_n;
        end
      end
      // Add stage.
      valid_q <= pend_valid_q & pend_last_q;
      if (pend_valid_q) begin
        if (pend_last_q) begin
          res_q    <= sum_res;
          flags_q  <= aflags_n | pend_flags_q;
          counts_q <= count_add(acount_n, pend_count_q);
        end else begin
          total_q  <= sum_res;
          aflags_q <= aflags_n;
          acount_q <= acount_n;
        end
      end
    end
  end

  assign valid_o  = valid_q;
  assign res_o    = res_q;
  assign flags_o  = flags_q;
  assign counts_o = counts_q;
endmodule

`default_nettype wire
